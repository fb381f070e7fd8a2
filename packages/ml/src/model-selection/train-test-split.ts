import { MlInputError, ParameterError } from '../errors';
import { RandomState } from '../random';
import { checkRandomState, checkRowCount, encodeClasses, type Fold } from './folds';

export type TrainTestSplitOptions = {
  /** Share of rows held out for test, rounded up to whole rows (as scikit-learn). */
  testFraction?: number;
  /** Keep each class's share in both parts; the default when labels are given. */
  stratify?: boolean;
  randomState?: number;
};

/** One shuffled train/test partition of `nRows` rows, or of the rows of `y` (stratified by default). */
export function trainTestSplit(rowsOrLabels: number | ArrayLike<number>, options: TrainTestSplitOptions = {}): Fold {
  const context = 'trainTestSplit';
  const labels = typeof rowsOrLabels === 'number' ? undefined : rowsOrLabels;
  const nRows = labels ? labels.length : (rowsOrLabels as number);
  const { testFraction = 0.25, stratify = labels !== undefined, randomState = 0 } = options;
  checkRowCount(nRows, context);
  checkRandomState(randomState, context);
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new ParameterError(`${context}: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const nTest = Math.ceil(testFraction * nRows);
  if (nTest >= nRows) throw new MlInputError(`${context}: testFraction ${testFraction} leaves no training row`);
  const random = new RandomState(randomState);
  const isTest = new Uint8Array(nRows);
  if (stratify) {
    if (!labels) throw new ParameterError(`${context}: stratify needs the labels, not a row count`);
    markStratified(labels, nTest, random, isTest, context);
  } else {
    for (const i of random.sampleWithoutReplacement(nRows, nTest)) isTest[i] = 1;
  }
  const test = new Int32Array(nTest);
  const train = new Int32Array(nRows - nTest);
  let t = 0;
  let r = 0;
  for (let i = 0; i < nRows; i++) {
    if (isTest[i]) test[t++] = i;
    else train[r++] = i;
  }
  return { train, test };
}

/**
 * Gives each class its proportional share of the test rows, rounded down, then hands the remaining rows to the
 * classes with the largest rounding losses (first-seen class first on ties), so the total is exactly `nTest`.
 */
function markStratified(
  labels: ArrayLike<number>,
  nTest: number,
  random: RandomState,
  isTest: Uint8Array,
  context: string,
): void {
  const { codes, counts } = encodeClasses(labels, context);
  const quota = new Int32Array(counts.length);
  const loss = new Float64Array(counts.length);
  let missing = nTest;
  counts.forEach((count, k) => {
    const exact = (count * nTest) / labels.length;
    quota[k] = Math.floor(exact);
    loss[k] = exact - (quota[k] as number);
    missing -= quota[k] as number;
  });
  const byLoss = counts.map((_, k) => k).sort((a, b) => (loss[b] as number) - (loss[a] as number) || a - b);
  for (const k of byLoss.slice(0, missing)) quota[k] = (quota[k] as number) + 1;
  const members = counts.map((count) => new Int32Array(count));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i] as number;
    (members[k] as Int32Array)[filled[k] as number] = i;
    filled[k] = (filled[k] as number) + 1;
  }
  members.forEach((rows, k) => {
    const picked = random.sampleWithoutReplacement(rows.length, quota[k] as number);
    for (const p of picked) isTest[rows[p] as number] = 1;
  });
}
