import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PriorClassifier } from '../baseline/prior-classifier';
import { ParameterError } from '../errors';
import { binaryProba, checkFeatures, Estimator, encodeBinaryLabels, labelsFromProbability } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import { logLoss, rocAuc } from '../metrics/classification';
import { RandomState } from '../random';
import { crossValidate, meanAndStd } from './cross-validate';
import { stratifiedKFold } from './k-fold';
import { gridSearch, randomSearch } from './search';
import { timeSeriesSplit } from './time-series-split';

const schema = z.strictObject({ feature: z.number().int(), scale: z.number(), randomState: z.number().int() });
type Params = z.infer<typeof schema>;

/** P(1) = logistic(scale · x[feature]); learns nothing, so which parameters win is known in advance. */
class FeatureClassifier extends Estimator<Params, { classes: [number, number]; nFeatures: number }> {
  readonly kind = 'FeatureClassifier';
  constructor(params: Partial<Params> = {}) {
    super(schema, params, { feature: 0, scale: 1, randomState: 0 });
  }
  fit(X: MatrixLike, y: ArrayLike<number>): this {
    this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    this.fitted = { classes: encodeBinaryLabels(y, matrix.nRows, this.kind).classes, nFeatures: matrix.nCols };
    return this;
  }
  predictProba(X: MatrixLike): Matrix {
    const column = checkFeatures(X, this.kind, this.state.nFeatures).column(this.params.feature);
    return binaryProba(column.map((x) => 1 / (1 + Math.exp(-this.params.scale * x))));
  }
  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }
  protected stateToJSON(state: { classes: [number, number]; nFeatures: number }) {
    return state;
  }
}

/** 200 rows; only feature 1 carries the label (x1 + noise > 0), with a logistic slope of about 2. */
function toyProblem() {
  const random = new RandomState(5);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const row = [random.normal(), random.normal(), random.normal()];
    rows.push(row);
    y.push((row[1] as number) + 0.5 * random.normal() > 0 ? 1 : 0);
  }
  return { X: Matrix.fromRows(rows), y };
}

const { X, y } = toyProblem();
const folds = stratifiedKFold(y, { nSplits: 4, randomState: 1 });
const auc = (yTrue: Float64Array, p: Float64Array) => rocAuc(yTrue, p);

describe('crossValidate', () => {
  it('scores each fold on its test rows and returns the out-of-fold probabilities', () => {
    const result = crossValidate(() => new PriorClassifier(), X, y, {
      folds,
      scoring: { logLoss: (yTrue, p) => logLoss(yTrue, p) },
    });
    folds.forEach(({ train, test }, f) => {
      const trainRate = Array.from(train).filter((i) => y[i] === 1).length / train.length;
      for (const i of test) expect(result.outOfFold[i]).toBeCloseTo(trainRate, 15);
      const testY = Array.from(test, (i) => y[i] as number);
      expect(result.scores.logLoss?.[f]).toBeCloseTo(logLoss(testY, new Float64Array(test.length).fill(trainRate)), 15);
    });
    const scores = Array.from(result.scores.logLoss ?? []);
    const mean = scores.reduce((sum, v) => sum + v, 0) / scores.length;
    expect(result.mean.logLoss).toBeCloseTo(mean, 15);
    expect(result.std.logLoss).toBeCloseTo(Math.sqrt(scores.reduce((sum, v) => sum + (v - mean) ** 2, 0) / 4), 15);
    expect(result.fitSeconds.length).toBe(4);
    for (const seconds of [...result.fitSeconds, ...result.predictSeconds]) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('hands scorers 0/1 labels whatever the classes are called, and leaves untested rows NaN', () => {
    const named = y.map((label) => (label ? 5 : -2));
    const seen: number[] = [];
    const result = crossValidate(() => new FeatureClassifier({ feature: 1 }), X, named, {
      folds: timeSeriesSplit(200, { nSplits: 3 }),
      scoring: {
        auc: (yTrue, p) => {
          seen.push(...yTrue);
          return rocAuc(yTrue, p);
        },
      },
    });
    expect(new Set(seen)).toEqual(new Set([0, 1]));
    expect(result.mean.auc).toBeGreaterThan(0.8);
    expect(Number.isNaN(result.outOfFold[0])).toBe(true);
    expect(Number.isNaN(result.outOfFold[199])).toBe(false);
  });
});

describe('meanAndStd', () => {
  it('uses the population standard deviation', () => {
    expect(meanAndStd(Float64Array.of(1, 2, 3, 4))).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
  });
});

describe('gridSearch', () => {
  it('finds the informative feature, trying the last key fastest and keeping the first of tied candidates', () => {
    const result = gridSearch((params) => new FeatureClassifier(params), { feature: [0, 1, 2], scale: [1, 3] }, X, y, {
      folds,
      score: auc,
    });
    expect(result.candidates.map((c) => c.params)).toEqual([
      { feature: 0, scale: 1 },
      { feature: 0, scale: 3 },
      { feature: 1, scale: 1 },
      { feature: 1, scale: 3 },
      { feature: 2, scale: 1 },
      { feature: 2, scale: 3 },
    ]);
    // AUC ignores the scale, so scale 1 and 3 tie exactly and the first tried wins.
    expect(result.candidates[3]?.meanScore).toBe(result.candidates[2]?.meanScore);
    expect(result.bestParams).toEqual({ feature: 1, scale: 1 });
    expect(result.bestIndex).toBe(2);
    expect(result.bestScore).toBeGreaterThan(0.85);
    expect(result.candidates[0]?.foldScores.length).toBe(4);
  });

  it('minimises when greaterIsBetter is false', () => {
    const result = gridSearch(
      (params) => new FeatureClassifier({ feature: 1, ...params }),
      { scale: [0.1, 3, 100] },
      X,
      y,
      { folds, score: (yTrue, p) => logLoss(yTrue, p), greaterIsBetter: false },
    );
    expect(result.bestParams).toEqual({ scale: 3 });
    expect(result.bestScore).toBeLessThan(result.candidates[0]?.meanScore as number);
  });

  it('refuses an empty list of values', () => {
    expect(() => gridSearch(() => new PriorClassifier(), { scale: [] }, X, y, { folds, score: auc })).toThrow(
      ParameterError,
    );
  });
});

describe('randomSearch', () => {
  it('draws distinct grid points (the whole grid when it is small) and is deterministic for a seed', () => {
    const grid = { feature: [0, 1, 2], scale: [1, 2] };
    const create = (params: { feature: number; scale: number }) => new FeatureClassifier(params);
    const some = randomSearch(create, grid, X, y, { folds, score: auc, nIter: 4, randomState: 3 });
    const keys = some.candidates.map((c) => JSON.stringify(c.params));
    expect(new Set(keys).size).toBe(4);
    const again = randomSearch(create, grid, X, y, { folds, score: auc, nIter: 4, randomState: 3 });
    expect(again.candidates.map((c) => JSON.stringify(c.params))).toEqual(keys);
    const all = randomSearch(create, grid, X, y, { folds, score: auc, nIter: 50 });
    expect(all.candidates.length).toBe(6);
    expect(all.bestParams.feature).toBe(1);
  });

  it('samples from functions of the random stream', () => {
    const result = randomSearch(
      (params) => new FeatureClassifier({ feature: 1, ...params }),
      { scale: (random: RandomState) => 10 ** (random.float() * 2 - 1) },
      X,
      y,
      { folds, score: (yTrue, p) => logLoss(yTrue, p), greaterIsBetter: false, nIter: 5, randomState: 8 },
    );
    const scales = result.candidates.map((c) => c.params.scale);
    expect(scales.length).toBe(5);
    for (const scale of scales) {
      expect(scale).toBeGreaterThanOrEqual(0.1);
      expect(scale).toBeLessThan(10);
    }
    expect(new Set(scales).size).toBe(5);
    const best = Math.min(...result.candidates.map((c) => c.meanScore));
    expect(result.bestScore).toBe(best);
  });
});
