import { MlInputError } from '../errors';
import { type Classifier, encodeBinaryLabels } from '../estimator';
import { type Matrix, take } from '../matrix';
import type { Fold } from './folds';

/** Scores a fold from its 0/1 labels (1 = the larger class) and the predicted probability of class 1. */
export type Scorer = (yTrue: Float64Array, p: Float64Array) => number;

export type CrossValidateOptions = {
  folds: readonly Fold[];
  scoring: Record<string, Scorer>;
};

export type CrossValidation = {
  /** One score per fold, per scorer name. */
  scores: Record<string, Float64Array>;
  mean: Record<string, number>;
  /** Population standard deviation over folds (numpy's default `np.std`). */
  std: Record<string, number>;
  fitSeconds: Float64Array;
  predictSeconds: Float64Array;
  /**
   * Each row's positive-class probability from the model that did not see it: the honest input for calibration
   * and threshold choice. NaN for rows in no test fold (a time-series split's first rows); a row in several test
   * folds keeps the last one's.
   */
  outOfFold: Float64Array;
};

/** Fits a fresh estimator on each fold's train rows and scores its probabilities on the test rows. */
export function crossValidate(
  createEstimator: () => Classifier,
  X: Matrix,
  y: ArrayLike<number>,
  options: CrossValidateOptions,
): CrossValidation {
  const context = 'crossValidate';
  const { folds, scoring } = options;
  const { encoded } = encodeBinaryLabels(y, X.nRows, context);
  if (folds.length === 0) throw new MlInputError(`${context}: no folds`);
  for (const [f, fold] of folds.entries()) checkFold(fold, X.nRows, `${context}: fold ${f}`);
  const names = Object.keys(scoring);
  const scores: Record<string, Float64Array> = {};
  for (const name of names) scores[name] = new Float64Array(folds.length);
  const fitSeconds = new Float64Array(folds.length);
  const predictSeconds = new Float64Array(folds.length);
  const outOfFold = new Float64Array(X.nRows).fill(Number.NaN);

  for (const [f, { train, test }] of folds.entries()) {
    const estimator = createEstimator();
    const trainX = X.selectRows(train);
    const trainY = take(y, train);
    const fitStart = performance.now();
    estimator.fit(trainX, trainY);
    fitSeconds[f] = (performance.now() - fitStart) / 1000;
    const testX = X.selectRows(test);
    const predictStart = performance.now();
    const p = estimator.predictProba(testX).column(1);
    predictSeconds[f] = (performance.now() - predictStart) / 1000;
    for (let k = 0; k < test.length; k++) outOfFold[test[k] as number] = p[k] as number;
    const yTest = take(encoded, test);
    for (const name of names) (scores[name] as Float64Array)[f] = (scoring[name] as Scorer)(yTest, p);
  }

  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of names) {
    const summary = meanAndStd(scores[name] as Float64Array);
    mean[name] = summary.mean;
    std[name] = summary.std;
  }
  return { scores, mean, std, fitSeconds, predictSeconds, outOfFold };
}

export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

function checkFold({ train, test }: Fold, nRows: number, context: string): void {
  if (train.length === 0 || test.length === 0) throw new MlInputError(`${context} has an empty train or test set`);
  for (const indices of [train, test]) {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      if (!(i >= 0 && i < nRows)) throw new MlInputError(`${context} has row ${i}, outside 0..${nRows - 1}`);
    }
  }
}
