import { MlInputError, ParameterError } from '../errors';

/** Row indices (ascending) to fit on and to evaluate on. */
export type Fold = { train: Int32Array; test: Int32Array };

/** Folds from a per-row test-fold number: fold f tests the rows assigned f and trains on all the others. */
export function foldsFromAssignment(assignment: Int32Array, nSplits: number): Fold[] {
  const testSizes = new Int32Array(nSplits);
  for (let i = 0; i < assignment.length; i++) {
    const f = assignment[i] as number;
    testSizes[f] = (testSizes[f] as number) + 1;
  }
  const folds: Fold[] = [];
  for (let f = 0; f < nSplits; f++) {
    const test = new Int32Array(testSizes[f] as number);
    const train = new Int32Array(assignment.length - test.length);
    let t = 0;
    let r = 0;
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}

export function checkSplitCount(nSplits: number, nRows: number, context: string): void {
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new ParameterError(`${context}: nSplits must be an integer >= 2, got ${nSplits}`);
  }
  checkRowCount(nRows, context);
  if (nSplits > nRows) throw new MlInputError(`${context}: cannot make ${nSplits} folds from ${nRows} rows`);
}

export function checkRowCount(nRows: number, context: string): void {
  if (!Number.isInteger(nRows) || nRows < 1) throw new MlInputError(`${context}: nRows must be a positive integer`);
}

export function checkRandomState(randomState: number, context: string): void {
  if (!Number.isInteger(randomState)) {
    throw new ParameterError(`${context}: randomState must be an integer, got ${randomState}`);
  }
}

/** Labels as class numbers 0..k−1 in order of first appearance (as scikit-learn's StratifiedKFold numbers them). */
export function encodeClasses(y: ArrayLike<number>, context: string): { codes: Int32Array; counts: number[] } {
  const codeOf = new Map<number, number>();
  const counts: number[] = [];
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const label = y[i] as number;
    if (!Number.isFinite(label)) throw new MlInputError(`${context}: y[${i}] is ${label}`);
    let code = codeOf.get(label);
    if (code === undefined) {
      code = counts.length;
      codeOf.set(label, code);
      counts.push(0);
    }
    codes[i] = code;
    counts[code] = (counts[code] as number) + 1;
  }
  return { codes, counts };
}
