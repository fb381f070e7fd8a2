import {
  brierScore,
  type Classifier,
  calibrationCurve,
  expectedCalibrationError,
  type Fold,
  IsotonicCalibration,
  logLoss,
  Matrix,
  meanAndStd,
  prAuc,
  RandomState,
  rocAuc,
  rocCurve,
  scoresAsMatrix,
  stratifiedGroupKFold,
  take,
} from '@ivy/ml';
import type { LeadFeatures } from '../features/lead-features';
import { type ModelType, type TrainingConfig, trainingConfigSchema } from './config';
import { createModel, hyperParameters, type ModelSpec, probabilityContributions } from './estimators';
import { attributeCandidates, candidateFeatures, FeatureLayout, type InputFeature } from './features';
import { ConversionModel, positiveProbability } from './model';

export type TrainingRow = {
  /** The person: rows of one person (snapshots at several dates) never split across folds. */
  group: string;
  features: LeadFeatures;
  enrolled: boolean;
};

export type TrainedConversionModel = {
  algorithm: ModelType;
  hyper_parameters: Record<string, unknown>;
  /** The lead features the model uses, after feature selection and the interaction option. */
  input_features: string[];
  /** All from out-of-fold predictions, calibrated by an isotonic map fitted on the other folds. */
  metrics: {
    cv_roc_auc: number;
    cv_roc_auc_std: number;
    pr_auc: number;
    brier: number;
    ece: number;
    log_loss: number;
    calibration_curve: { predicted: number; observed: number; count: number }[];
    /** Thinned to at most ROC_CURVE_POINTS. Models stored before it was measured lack it. */
    roc_curve: { fpr: number; tpr: number }[];
    rows: number;
    positives: number;
    folds: number;
  };
  /** Mean |contribution| of each input feature over the training rows, as shares summing to 1, largest first. */
  feature_importance: { feature: string; importance: number }[];
  /** JSON-serialisable; `loadConversionModel` restores the model from it. */
  artifact: unknown;
};

export type ProgressCallback = (fraction: number, message: string) => void;

/** Fewer rows than this cannot support cross-validated metrics or an isotonic calibration. */
export const MIN_TRAINING_ROWS = 50;
/** An input feature with less than this share of the first fit's held-out importance is dropped. */
const SELECTION_THRESHOLD = 0.005;
/** Feature selection fits this many grouped folds… */
const SELECTION_FOLDS = 3;
/** …shuffling each feature this many times over at most SELECTION_SAMPLE held-out rows of each. */
const SELECTION_REPEATS = 3;
const SELECTION_SAMPLE = 3000;
/** A kept feature's mean AUC loss is at least this many standard errors above zero. */
const SELECTION_CONFIDENCE = 1;
/** Importance is measured on at most this many rows, spread evenly over the training set (TreeSHAP is costly). */
const IMPORTANCE_SAMPLE = 1000;
/** Enough to draw the ROC curve smoothly, few enough to keep with every model. */
const ROC_CURVE_POINTS = 100;
/** No lead is ever certain to enrol or not: calibrated probabilities stay within these bounds. */
const PROBABILITY_FLOOR = 0.001;

/**
 * Trains a conversion model on point-in-time lead snapshots: grouped, stratified cross-validation gives honest
 * out-of-fold probabilities, an isotonic map fitted on them calibrates the final model (trained on every row), and
 * the fold models stay on as a committee whose disagreement becomes each prediction's interval.
 */
export function trainConversionModel(
  rows: readonly TrainingRow[],
  config: TrainingConfig,
  onProgress?: ProgressCallback,
): TrainedConversionModel {
  return fitConversionModel(rows, config, onProgress).trained;
}

/** `trainConversionModel`, also returning the in-memory model the artifact saves. */
export function fitConversionModel(
  rows: readonly TrainingRow[],
  config: TrainingConfig,
  onProgress: ProgressCallback = () => {},
): { trained: TrainedConversionModel; model: ConversionModel } {
  const settings = trainingConfigSchema.parse(config);
  const folds = settings.cross_validation_folds;
  const y = Float64Array.from(rows, (row) => (row.enrolled ? 1 : 0));
  checkTrainingRows(rows, y, folds);
  const spec: ModelSpec = {
    type: settings.model_type,
    missing: settings.feature_config.handle_missing_values,
    randomState: settings.random_state,
  };
  const features = rows.map((row) => row.features);
  const sample = evenSample(rows.length, IMPORTANCE_SAMPLE);
  const steps = folds + (settings.feature_selection ? 3 : 2);
  let step = 0;
  const progress = (message: string) => onProgress(++step / steps, message);

  const groups = rows.map((row) => row.group);
  let inputFeatures = candidateFeatures(
    settings.feature_config.create_interaction_features,
    attributeCandidates(features),
  );
  if (settings.feature_selection) {
    const candidates = FeatureLayout.fit(features, inputFeatures);
    inputFeatures = selectFeatures(spec, candidates, candidates.encode(features), y, groups);
    progress(`Kept ${inputFeatures.length} of ${candidates.inputFeatures.length} features`);
  }

  const layout = FeatureLayout.fit(features, inputFeatures);
  const X = layout.encode(features);
  const splits = crossValidationFolds(y, groups, folds, settings.random_state);
  const outOfFold = new Float64Array(rows.length);
  const committee: Classifier[] = splits.map(({ train, test }, f) => {
    const model = createModel(spec).fit(X.selectRows(train), take(y, train));
    const p = positiveProbability(model, X.selectRows(test));
    test.forEach((i, k) => {
      outOfFold[i] = p[k] as number;
    });
    progress(`Cross-validated fold ${f + 1} of ${folds}`);
    return model;
  });

  const final = createModel(spec).fit(X, y);
  const calibration = isotonic().fit(scoresAsMatrix(outOfFold), y);
  const model = new ConversionModel(spec.type, layout, final, committee, calibration);
  progress('Trained the final model');

  const importance = importanceOf(final, layout, X.selectRows(sample));
  const trained: TrainedConversionModel = {
    algorithm: spec.type,
    hyper_parameters: hyperParameters(spec),
    input_features: layout.inputFeatures,
    metrics: outOfFoldMetrics(outOfFold, y, splits),
    feature_importance: importance,
    artifact: model.toArtifact(),
  };
  progress('Measured feature importance');
  return { trained, model };
}

function isotonic(): IsotonicCalibration {
  return new IsotonicCalibration({ yMin: PROBABILITY_FLOOR, yMax: 1 - PROBABILITY_FLOOR });
}

function checkTrainingRows(rows: readonly TrainingRow[], y: Float64Array, folds: number): void {
  if (rows.length < MIN_TRAINING_ROWS) {
    throw new Error(
      `Training needs at least ${MIN_TRAINING_ROWS} lead snapshots with a known outcome; there are ${rows.length}.`,
    );
  }
  const positives = y.reduce((sum, label) => sum + label, 0);
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error(
      `Every one of the ${rows.length} training leads ${positives === 0 ? 'did not enrol' : 'enrolled'}; ` +
        'a model needs examples of both outcomes.',
    );
  }
  const people = new Set(rows.map((row) => row.group)).size;
  if (Math.min(positives, negatives) < folds || people < folds) {
    throw new Error(
      `${folds}-fold cross-validation needs at least ${folds} people and ${folds} snapshots of each outcome; ` +
        `there are ${people} people, ${positives} enrolled and ${negatives} not. Use fewer folds or more data.`,
    );
  }
}

/** Folds stratified by outcome that keep each person's snapshots together, each fold holding both outcomes. */
export function crossValidationFolds(
  y: Float64Array,
  groups: readonly string[],
  folds: number,
  randomState: number,
): Fold[] {
  const splits = stratifiedGroupKFold(y, groups, { nSplits: folds, randomState });
  checkFolds(splits, y);
  return splits;
}

/** Grouping can leave a fold with one outcome only (when a few people hold all enrolments); its metrics mean nothing. */
function checkFolds(splits: readonly Fold[], y: Float64Array): void {
  for (const [f, { train, test }] of splits.entries()) {
    for (const [part, indices] of [
      ['test', test],
      ['training', train],
    ] as const) {
      const positives = take(y, indices).reduce((sum, label) => sum + label, 0);
      if (positives === 0 || positives === indices.length) {
        throw new Error(
          `Cross-validation fold ${f + 1} has ${part} rows of one outcome only, as too few people carry the other; ` +
            'use fewer folds or more data.',
        );
      }
    }
  }
}

/** Rows 0, n/m, 2n/m, …: a deterministic spread over the whole set. */
function evenSample(n: number, m: number): Int32Array {
  if (n <= m) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: m }, (_, k) => Math.floor((k * n) / m));
}

/** Each input feature's mean |contribution| as a share of the total, largest first; equal shares if none moved. */
function importanceOf(
  model: Classifier,
  layout: FeatureLayout,
  X: Matrix,
): { feature: InputFeature; importance: number }[] {
  const columnFeatures = layout.columnFeatures;
  const totals = new Map<InputFeature, number>(layout.inputFeatures.map((feature) => [feature, 0]));
  probabilityContributions(model, X).forEach((column, j) => {
    const feature = columnFeatures[j] as InputFeature;
    let sum = 0;
    for (let i = 0; i < column.length; i++) sum += Math.abs(column[i] as number);
    totals.set(feature, (totals.get(feature) as number) + sum);
  });
  const grandTotal = [...totals.values()].reduce((sum, value) => sum + value, 0);
  return [...totals]
    .map(([feature, total]) => ({
      feature,
      importance: grandTotal > 0 ? total / grandTotal : 1 / totals.size,
    }))
    .sort((a, b) => b.importance - a.importance);
}

/**
 * The input features whose shuffling, on people held out of a first fit, costs a clear and non-negligible share of
 * ROC AUC: each of SELECTION_FOLDS grouped folds is fitted without its people, and every feature is shuffled (with
 * one row order for all its one-hot columns) on those people. A feature is kept when its mean AUC loss is at least
 * SELECTION_THRESHOLD of the total and exceeds its standard error over the folds. Held-out rather than in-fit
 * importance because trees split on pure noise too, while shuffling noise costs nothing on unseen people.
 */
function selectFeatures(
  spec: ModelSpec,
  layout: FeatureLayout,
  X: Matrix,
  y: Float64Array,
  groups: readonly string[],
): InputFeature[] {
  const columnFeatures = layout.columnFeatures;
  const features = layout.inputFeatures;
  const ownColumns = features.map((feature) => columnFeatures.flatMap((name, j) => (name === feature ? [j] : [])));
  const random = new RandomState(spec.randomState);
  const losses = crossValidationFolds(y, groups, SELECTION_FOLDS, spec.randomState).map(({ train, test }) => {
    const model = createModel(spec).fit(X.selectRows(train), take(y, train));
    const scored = take(test, evenSample(test.length, SELECTION_SAMPLE));
    const heldOut = X.selectRows(scored);
    const yHeldOut = take(y, scored);
    const baseline = rocAuc(yHeldOut, positiveProbability(model, heldOut));
    return ownColumns.map((own) => {
      let total = 0;
      for (let r = 0; r < SELECTION_REPEATS; r++) {
        const order = random.shuffle(Int32Array.from({ length: heldOut.nRows }, (_, i) => i));
        const columns = heldOut.columns.map((column, j) => (own.includes(j) ? take(column, order) : column));
        total += baseline - rocAuc(yHeldOut, positiveProbability(model, new Matrix(columns, heldOut.nRows)));
      }
      return total / SELECTION_REPEATS;
    });
  });
  const summary = features.map((feature, k) => {
    const perFold = Float64Array.from(losses, (foldLosses) => foldLosses[k] as number);
    const { mean, std } = meanAndStd(perFold);
    // Population std over k folds → standard error of the mean, with k − 1 degrees of freedom.
    return { feature, mean, standardError: std / Math.sqrt(perFold.length - 1) };
  });
  const totalLoss = summary.reduce((sum, entry) => sum + Math.max(0, entry.mean), 0);
  const kept = summary.filter(
    (entry) => entry.mean >= SELECTION_THRESHOLD * totalLoss && entry.mean > SELECTION_CONFIDENCE * entry.standardError,
  );
  return kept.length > 0 ? kept.map((entry) => entry.feature) : features;
}

/**
 * Metrics of the out-of-fold probabilities as the deployed model would output them: each fold's probabilities go
 * through an isotonic map fitted on the other folds' (a map fitted on the rows it is scored on would flatter it).
 */
function outOfFoldMetrics(
  outOfFold: Float64Array,
  y: Float64Array,
  splits: readonly Fold[],
): TrainedConversionModel['metrics'] {
  const calibrated = new Float64Array(outOfFold.length);
  const foldAuc = new Float64Array(splits.length);
  splits.forEach(({ train, test }, f) => {
    const map = isotonic().fit(scoresAsMatrix(take(outOfFold, train)), take(y, train));
    const p = map.calibrate(take(outOfFold, test));
    test.forEach((i, k) => {
      calibrated[i] = p[k] as number;
    });
    foldAuc[f] = rocAuc(take(y, test), p);
  });
  const auc = meanAndStd(foldAuc);
  return {
    cv_roc_auc: auc.mean,
    cv_roc_auc_std: auc.std,
    pr_auc: prAuc(y, calibrated),
    brier: brierScore(y, calibrated),
    ece: expectedCalibrationError(y, calibrated),
    log_loss: logLoss(y, calibrated),
    calibration_curve: calibrationCurve(y, calibrated).map((bin) => ({
      predicted: bin.meanPredicted,
      observed: bin.fractionPositive,
      count: bin.count,
    })),
    roc_curve: rocCurve(y, calibrated, { maxPoints: ROC_CURVE_POINTS }).map(({ fpr, tpr }) => ({ fpr, tpr })),
    rows: y.length,
    positives: y.reduce((sum, label) => sum + label, 0),
    folds: splits.length,
  };
}
