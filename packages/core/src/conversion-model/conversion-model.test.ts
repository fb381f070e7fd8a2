import { describe, expect, it } from 'vitest';
import { CATEGORICAL_LEAD_FEATURES, NUMERIC_LEAD_FEATURES } from '../features/lead-features';
import { MODEL_TYPES, type ModelType, type TrainingConfig, trainingConfigSchema } from './config';
import { loadConversionModel } from './model';
import { syntheticRows } from './test-data';
import { crossValidationFolds, fitConversionModel, type TrainingRow, trainConversionModel } from './train';

const config = (overrides: Record<string, unknown> = {}): TrainingConfig =>
  trainingConfigSchema.parse({ cross_validation_folds: 3, ...overrides });

const trainingRows = syntheticRows({ people: 250, seed: 1 });
const unseen = syntheticRows({ people: 40, seed: 77 }).map((row) => row.features);

const fits = new Map<ModelType, ReturnType<typeof fitConversionModel>>();
const progress = new Map<ModelType, [number, string][]>();
function fitted(type: ModelType) {
  let fit = fits.get(type);
  if (!fit) {
    const calls: [number, string][] = [];
    fit = fitConversionModel(trainingRows, config({ model_type: type }), (fraction, message) =>
      calls.push([fraction, message]),
    );
    fits.set(type, fit);
    progress.set(type, calls);
  }
  return fit;
}

const allFeatures: string[] = [...NUMERIC_LEAD_FEATURES, ...CATEGORICAL_LEAD_FEATURES];

describe('trainingConfigSchema', () => {
  it('fills every default and refuses unknown fields and out-of-range folds', () => {
    expect(trainingConfigSchema.parse({})).toEqual({
      model_type: 'gradient_boosting',
      feature_selection: true,
      cross_validation_folds: 5,
      feature_config: { create_interaction_features: true, handle_missing_values: 'native' },
      random_state: 42,
    });
    expect(trainingConfigSchema.parse({ feature_config: { handle_missing_values: 'impute' } }).feature_config).toEqual({
      create_interaction_features: true,
      handle_missing_values: 'impute',
    });
    expect(trainingConfigSchema.safeParse({ learning_rate: 0.1 }).success).toBe(false);
    expect(trainingConfigSchema.safeParse({ cross_validation_folds: 11 }).success).toBe(false);
    expect(trainingConfigSchema.safeParse({ model_type: 'svm' }).success).toBe(false);
  });
});

describe.each(MODEL_TYPES)('trainConversionModel with %s', (type) => {
  it('ranks enrolments well above chance, with calibrated out-of-fold metrics and no NaN', () => {
    const { trained } = fitted(type);
    const { metrics } = trained;
    expect(trained.algorithm).toBe(type);
    expect(metrics.cv_roc_auc).toBeGreaterThan(0.75);
    expect(metrics.ece).toBeLessThan(0.15);
    expect(metrics.rows).toBe(trainingRows.length);
    expect(metrics.positives).toBe(trainingRows.filter((row) => row.enrolled).length);
    expect(metrics.folds).toBe(3);
    expect(metrics.calibration_curve.reduce((sum, bin) => sum + bin.count, 0)).toBe(trainingRows.length);
    for (const value of [metrics.cv_roc_auc_std, metrics.pr_auc, metrics.brier, metrics.log_loss]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(Object.keys(trained.hyper_parameters).length).toBeGreaterThan(0);
  });

  it('reports input-feature importances, largest first, summing to 1, led by stage or engagement', () => {
    const { trained } = fitted(type);
    const importance = trained.feature_importance;
    expect(importance.map((entry) => entry.feature).sort()).toEqual([...trained.input_features].sort());
    expect(importance.reduce((sum, entry) => sum + entry.importance, 0)).toBeCloseTo(1, 9);
    expect(importance.every((entry, k) => k === 0 || entry.importance <= (importance[k - 1]?.importance ?? 1))).toBe(
      true,
    );
    expect(['stage', 'engagement_composite', 'log_touches_90d', 'engagement_x_recency']).toContain(
      importance[0]?.feature,
    );
  });

  it('predicts from its artifact after a JSON round-trip exactly as the trained model does', () => {
    const { trained, model } = fitted(type);
    const restored = loadConversionModel(JSON.parse(JSON.stringify(trained.artifact)));
    expect(restored.algorithm).toBe(type);
    expect(restored.input_features).toEqual(trained.input_features);
    expect(restored.predict(unseen)).toEqual(model.predict(unseen));
  });

  it('gives intervals around the probability and contributions named by input features', () => {
    const { trained, model } = fitted(type);
    for (const prediction of model.predict(unseen)) {
      const { probability, confidence_interval: interval, contributions } = prediction;
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
      expect(interval.lower).toBeLessThanOrEqual(probability);
      expect(interval.upper).toBeGreaterThanOrEqual(probability);
      expect(interval.lower).toBeCloseTo(Math.max(0, probability - 1.96 * interval.standard_error), 3);
      expect(interval.upper).toBeCloseTo(Math.min(1, probability + 1.96 * interval.standard_error), 3);
      expect(contributions.length).toBeGreaterThan(0);
      expect(contributions.length).toBeLessThanOrEqual(5);
      for (const [k, { feature, contribution }] of contributions.entries()) {
        expect(trained.input_features).toContain(feature);
        expect(Number.isFinite(contribution)).toBe(true);
        expect(Math.abs(contribution)).toBeLessThanOrEqual(Math.abs(contributions[k - 1]?.contribution ?? 1));
      }
    }
  });

  it('reports progress in increasing fractions, ending at 1', () => {
    fitted(type);
    const fractions = (progress.get(type) ?? []).map(([fraction]) => fraction);
    expect(fractions.length).toBeGreaterThanOrEqual(5);
    expect(fractions.every((fraction, k) => k === 0 || fraction > (fractions[k - 1] as number))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('trainConversionModel', () => {
  it('cross-validates by person: no person is tested in two folds or trained on in their own', () => {
    const y = Float64Array.from(trainingRows, (row) => (row.enrolled ? 1 : 0));
    const groups = trainingRows.map((row) => row.group);
    const foldOfPerson = new Map<string, number>();
    for (const [f, { train, test }] of crossValidationFolds(y, groups, 5, 42).entries()) {
      for (const i of test) {
        const person = groups[i] as string;
        expect(foldOfPerson.get(person) ?? f).toBe(f);
        foldOfPerson.set(person, f);
      }
      const trainedOn = new Set(Array.from(train, (i) => groups[i]));
      expect(Array.from(test).some((i) => trainedOn.has(groups[i] as string))).toBe(false);
    }
    expect(foldOfPerson.size).toBe(new Set(groups).size);
  });

  it('calibrates: on more data, predicted and observed enrolment rates agree, beating the base rate', () => {
    const { metrics } = trainConversionModel(
      syntheticRows({ people: 800, seed: 5 }),
      config({ model_type: 'logistic_regression', feature_selection: false }),
    );
    expect(metrics.ece).toBeLessThan(0.05);
    const rate = metrics.positives / metrics.rows;
    expect(metrics.brier).toBeLessThan(0.75 * rate * (1 - rate));
  });

  it('is reproducible for a random_state and differs for another', () => {
    const again = trainConversionModel(trainingRows, config({ model_type: 'gradient_boosting' }));
    const { trained } = fitted('gradient_boosting');
    expect(JSON.stringify(again.artifact)).toBe(JSON.stringify(trained.artifact));
    expect(again.metrics).toEqual(trained.metrics);
    const other = trainConversionModel(trainingRows, config({ model_type: 'logistic_regression', random_state: 7 }));
    const otherAgain = trainConversionModel(
      trainingRows,
      config({ model_type: 'logistic_regression', random_state: 8 }),
    );
    expect(other.metrics.cv_roc_auc).not.toBe(otherAgain.metrics.cv_roc_auc);
  });

  it('widens the interval when the committee disagrees more, as models trained on few people do', () => {
    const meanError = (people: number) => {
      const { model } = fitConversionModel(
        syntheticRows({ people, seed: 11 }),
        config({ model_type: 'logistic_regression', feature_selection: false }),
      );
      const predictions = model.predict(unseen);
      return predictions.reduce((sum, p) => sum + p.confidence_interval.standard_error, 0) / predictions.length;
    };
    const few = meanError(60);
    const many = meanError(600);
    expect(many).toBeGreaterThan(0);
    expect(few).toBeGreaterThan(1.5 * many);
  });

  it('drops a pure-noise feature when selecting features, and keeps every feature otherwise', () => {
    expect(fitted('gradient_boosting').trained.input_features).not.toContain('log_course_demand_90d');
    expect(fitted('logistic_regression').trained.input_features).not.toContain('log_course_demand_90d');
    expect(fitted('gradient_boosting').trained.input_features).toContain('stage');
    const all = trainConversionModel(
      trainingRows,
      config({ model_type: 'logistic_regression', feature_selection: false }),
    );
    expect(all.input_features.sort()).toEqual([...allFeatures].sort());
    const noInteractions = trainConversionModel(
      trainingRows,
      config({
        model_type: 'logistic_regression',
        feature_selection: false,
        feature_config: { create_interaction_features: false },
      }),
    );
    expect(noInteractions.input_features).not.toContain('engagement_x_recency');
    expect(noInteractions.input_features).toHaveLength(allFeatures.length - 1);
  });

  it('trains trees on imputed features when asked, explaining indicators as their own feature', () => {
    const { model, trained } = fitConversionModel(
      trainingRows,
      config({ model_type: 'random_forest', feature_config: { handle_missing_values: 'impute' } }),
    );
    expect(trained.metrics.cv_roc_auc).toBeGreaterThan(0.75);
    for (const prediction of model.predict(unseen)) {
      for (const { feature } of prediction.contributions) expect(trained.input_features).toContain(feature);
    }
  });

  it('refuses too few rows, a single outcome and more folds than one outcome has, in words a user can act on', () => {
    const few = trainingRows.slice(0, 40);
    expect(() => trainConversionModel(few, config())).toThrow(/at least 50 lead snapshots.*there are 40/);
    const noneEnrolled: TrainingRow[] = trainingRows.map((row) => ({ ...row, enrolled: false }));
    expect(() => trainConversionModel(noneEnrolled, config())).toThrow(/did not enrol.*both outcomes/);
    const twoEnrolled = trainingRows.map((row, i) => ({ ...row, group: `p${i}`, enrolled: i < 2 }));
    expect(() => trainConversionModel(twoEnrolled, config())).toThrow(/fewer folds or more data/);
  });

  it('refuses an artifact that is not a saved conversion model', () => {
    expect(() => loadConversionModel({ format: 'something-else' })).toThrow(/not a saved conversion model/);
    const { trained } = fitted('logistic_regression');
    const damaged = { ...(trained.artifact as Record<string, unknown>), algorithm: 'svm' };
    expect(() => loadConversionModel(damaged)).toThrow(/algorithm/);
  });
});

describe('trainConversionModel with imported attributes', () => {
  // Per person: a categorical origin and a numeric time on site that track the outcome, a free-text note that is
  // unique to each person, and no time on site at all for every fifth person.
  const people = new Map<string, number>();
  const rows: TrainingRow[] = syntheticRows({ people: 300, seed: 5 }).map((row) => {
    const k = people.get(row.group) ?? people.size;
    people.set(row.group, k);
    const origin = k % 10 < 8 === row.enrolled ? 'form' : 'advert';
    const attributes: Record<string, number | string> = { origin, note: `called on day ${k}` };
    if (k % 5 !== 0) attributes.minutes = (row.enrolled ? 30 : 10) + (k % 7);
    return { ...row, features: { ...row.features, attributes } };
  });
  const withoutAttributes = rows.map(({ features: { attributes: _attributes, ...features }, ...row }) => ({
    ...row,
    features,
  }));
  const settings = config({ model_type: 'gradient_boosting', feature_selection: false });

  it('learns from numeric and categorical attributes, leaving out free text', () => {
    const { trained } = fitConversionModel(rows, settings);
    expect(trained.input_features).toEqual(expect.arrayContaining(['attributes.origin', 'attributes.minutes']));
    expect(trained.input_features).not.toContain('attributes.note');
    const layout = (trained.artifact as { layout: { numeric: string[]; categorical: string[] } }).layout;
    expect(layout.numeric).toContain('attributes.minutes');
    expect(layout.categorical).toContain('attributes.origin');
    const baseline = trainConversionModel(withoutAttributes, settings);
    expect(baseline.input_features.some((name) => name.startsWith('attributes.'))).toBe(false);
    expect(trained.metrics.cv_roc_auc).toBeGreaterThan(baseline.metrics.cv_roc_auc + 0.05);
  });

  it('predicts from its artifact alike, reading a missing attribute as missing and an unseen one as no category', () => {
    const { model, trained } = fitConversionModel(rows, settings);
    const restored = loadConversionModel(JSON.parse(JSON.stringify(trained.artifact)));
    const base = unseen[0] as (typeof unseen)[number];
    const leads = [
      { ...base, attributes: { origin: 'form', minutes: 35 } },
      { ...base, attributes: { origin: 'advert', minutes: 11 } },
      { ...base, attributes: { origin: 'a fair' } },
      base,
    ];
    const predicted = model.predict(leads);
    expect(restored.predict(leads)).toEqual(predicted);
    const [form, advert, unknownOrigin, none] = predicted.map((p) => p.probability);
    expect(form).toBeGreaterThan(advert as number);
    for (const p of [unknownOrigin, none]) expect(Number.isFinite(p)).toBe(true);
    expect(predicted[0]?.contributions.map((c) => c.feature)).toContain('attributes.origin');
  });
});
