import { MlInputError, ParameterError } from '../errors';
import { checkRowCount, type Fold } from './folds';

export type TimeSeriesSplitOptions = {
  nSplits?: number;
  /** Rows per test fold; default nRows / (nSplits + 1), rounded down. */
  testSize?: number;
  /** Rows left out between the end of train and the start of test, so a lagged feature cannot leak. */
  gap?: number;
  /** Keep only the latest rows of train (a sliding window instead of an expanding one). */
  maxTrainSize?: number;
};

/**
 * Forward-chaining folds for rows in time order (scikit-learn's TimeSeriesSplit): each test fold follows its train
 * rows, so the model is always evaluated on the future.
 */
export function timeSeriesSplit(nRows: number, options: TimeSeriesSplitOptions = {}): Fold[] {
  const context = 'timeSeriesSplit';
  const { nSplits = 5, gap = 0, maxTrainSize } = options;
  checkRowCount(nRows, context);
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new ParameterError(`${context}: nSplits must be an integer >= 2, got ${nSplits}`);
  }
  if (!Number.isInteger(gap) || gap < 0) throw new ParameterError(`${context}: gap must be an integer >= 0`);
  if (nSplits + 1 > nRows) throw new MlInputError(`${context}: ${nSplits} splits need more than ${nRows} rows`);
  const testSize = options.testSize ?? Math.floor(nRows / (nSplits + 1));
  if (!Number.isInteger(testSize) || testSize < 1) {
    throw new ParameterError(`${context}: testSize must be an integer >= 1, got ${testSize}`);
  }
  if (maxTrainSize !== undefined && (!Number.isInteger(maxTrainSize) || maxTrainSize < 1)) {
    throw new ParameterError(`${context}: maxTrainSize must be an integer >= 1`);
  }
  if (nRows - gap - testSize * nSplits <= 0) {
    throw new MlInputError(
      `${context}: ${nSplits} splits of ${testSize} test rows with a gap of ${gap} leave no training rows of ${nRows}`,
    );
  }
  const folds: Fold[] = [];
  for (let testStart = nRows - nSplits * testSize; testStart < nRows; testStart += testSize) {
    const trainEnd = testStart - gap;
    const trainStart = maxTrainSize !== undefined ? Math.max(0, trainEnd - maxTrainSize) : 0;
    folds.push({ train: range(trainStart, trainEnd), test: range(testStart, testStart + testSize) });
  }
  return folds;
}

function range(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}
