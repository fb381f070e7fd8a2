import { MlInputError } from '../errors';
import { RandomState } from '../random';
import { checkRandomState, checkSplitCount, encodeClasses, type Fold, foldsFromAssignment } from './folds';

export type KFoldOptions = {
  nSplits?: number;
  /** Shuffle before assigning folds; without it folds are contiguous blocks in row order. */
  shuffle?: boolean;
  randomState?: number;
};

/** `nSplits` folds of sizes differing by at most one; every row is in exactly one test fold (scikit-learn's KFold). */
export function kFold(nRows: number, options: KFoldOptions = {}): Fold[] {
  const { nSplits = 5, shuffle = true, randomState = 0 } = options;
  checkSplitCount(nSplits, nRows, 'kFold');
  checkRandomState(randomState, 'kFold');
  const order = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) order[i] = i;
  if (shuffle) new RandomState(randomState).shuffle(order);
  const assignment = new Int32Array(nRows);
  const base = Math.floor(nRows / nSplits);
  let position = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < nRows % nSplits ? 1 : 0);
    for (let k = 0; k < size; k++) assignment[order[position++] as number] = f;
  }
  return foldsFromAssignment(assignment, nSplits);
}

/**
 * K folds that keep each class's share (scikit-learn's StratifiedKFold): each class is dealt over the folds so that
 * its count per fold differs by at most one, and fold sizes differ by at most one. Without shuffling, each class
 * fills the folds in row order, keeping neighbouring rows together.
 */
export function stratifiedKFold(y: ArrayLike<number>, options: KFoldOptions = {}): Fold[] {
  const { nSplits = 5, shuffle = true, randomState = 0 } = options;
  const context = 'stratifiedKFold';
  checkSplitCount(nSplits, y.length, context);
  checkRandomState(randomState, context);
  const { codes, counts } = encodeClasses(y, context);
  if (counts.every((count) => count < nSplits)) {
    throw new MlInputError(`${context}: nSplits=${nSplits} is more than the rows of every class (${counts.join()})`);
  }
  // Dealing the class-sorted rows round-robin (row p goes to fold p mod nSplits) gives per-class fold counts that
  // differ by at most one, and fold totals that do too.
  const allocation = counts.map(() => new Int32Array(nSplits));
  let position = 0;
  counts.forEach((count, k) => {
    const perFold = allocation[k] as Int32Array;
    for (let c = 0; c < count; c++) {
      const f = position++ % nSplits;
      perFold[f] = (perFold[f] as number) + 1;
    }
  });
  const random = new RandomState(randomState);
  const foldOfClassMember = allocation.map((perFold) => {
    const folds = new Int32Array(perFold.reduce((sum, count) => sum + count, 0));
    let start = 0;
    for (let f = 0; f < nSplits; f++) {
      const end = start + (perFold[f] as number);
      folds.fill(f, start, end);
      start = end;
    }
    return shuffle ? random.shuffle(folds) : folds;
  });
  const seen = new Int32Array(counts.length);
  const assignment = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = codes[i] as number;
    assignment[i] = (foldOfClassMember[k] as Int32Array)[seen[k] as number] as number;
    seen[k] = (seen[k] as number) + 1;
  }
  return foldsFromAssignment(assignment, nSplits);
}
