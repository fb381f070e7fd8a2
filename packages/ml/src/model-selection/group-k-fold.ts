import { MlInputError } from '../errors';
import { RandomState } from '../random';
import { checkRandomState, checkSplitCount, encodeClasses, type Fold, foldsFromAssignment } from './folds';
import type { KFoldOptions } from './k-fold';

/**
 * K folds that never split a group (scikit-learn's StratifiedGroupKFold): every row of a group — one person seen at
 * several dates, say — lands in the same test fold, so no fold is scored on someone its model trained on. Groups
 * are placed one at a time, the most class-skewed first, each into the fold that keeps the class shares across folds
 * most even (the smaller fold on a tie). With shuffling, groups of equal skew are placed in a seeded random order.
 */
export function stratifiedGroupKFold(
  y: ArrayLike<number>,
  groups: ArrayLike<string | number>,
  options: KFoldOptions = {},
): Fold[] {
  const { nSplits = 5, shuffle = true, randomState = 0 } = options;
  const context = 'stratifiedGroupKFold';
  checkSplitCount(nSplits, y.length, context);
  checkRandomState(randomState, context);
  if (groups.length !== y.length) {
    throw new MlInputError(`${context}: ${groups.length} groups for ${y.length} labels`);
  }
  const { codes, counts } = encodeClasses(y, context);
  const nClasses = counts.length;
  const groupOf = new Int32Array(y.length);
  const groupIndex = new Map<string | number, number>();
  const groupCounts: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    const key = groups[i] as string | number;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groupCounts.length;
      groupIndex.set(key, g);
      groupCounts.push(new Array<number>(nClasses).fill(0));
    }
    groupOf[i] = g;
    const perClass = groupCounts[g] as number[];
    perClass[codes[i] as number] = (perClass[codes[i] as number] as number) + 1;
  }
  const nGroups = groupCounts.length;
  if (nGroups < nSplits) throw new MlInputError(`${context}: cannot make ${nSplits} folds from ${nGroups} groups`);

  const order = new Int32Array(nGroups);
  for (let g = 0; g < nGroups; g++) order[g] = g;
  if (shuffle) new RandomState(randomState).shuffle(order);
  const skew = groupCounts.map(standardDeviation);
  // Array.prototype.sort is stable, so equally skewed groups keep the (shuffled) order.
  const placement = Array.from(order).sort((a, b) => (skew[b] as number) - (skew[a] as number));

  const foldCounts = Array.from({ length: nSplits }, () => new Array<number>(nClasses).fill(0));
  const foldSizes = new Float64Array(nSplits);
  const foldOfGroup = new Int32Array(nGroups);
  for (const g of placement) {
    const perClass = groupCounts[g] as number[];
    let best = -1;
    let bestSpread = Number.POSITIVE_INFINITY;
    for (let f = 0; f < nSplits; f++) {
      const spread = classShareSpread(foldCounts, counts, f, perClass);
      // numpy's isclose defaults, as scikit-learn compares: near-equal spreads go to the smaller fold.
      const close = Math.abs(spread - bestSpread) <= 1e-8 + 1e-5 * Math.abs(bestSpread);
      if (best < 0 || spread < bestSpread || (close && (foldSizes[f] as number) < (foldSizes[best] as number))) {
        best = f;
        bestSpread = spread;
      }
    }
    const chosen = foldCounts[best] as number[];
    for (let k = 0; k < nClasses; k++) chosen[k] = (chosen[k] as number) + (perClass[k] as number);
    foldSizes[best] = (foldSizes[best] as number) + perClass.reduce((sum, count) => sum + count, 0);
    foldOfGroup[g] = best;
  }
  const empty = foldSizes.indexOf(0);
  if (empty >= 0) throw new MlInputError(`${context}: fold ${empty} got no group; use fewer folds`);

  const assignment = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) assignment[i] = foldOfGroup[groupOf[i] as number] as number;
  return foldsFromAssignment(assignment, nSplits);
}

/**
 * How unevenly the classes would be spread if fold `candidate` took the group: per class, the standard deviation over
 * folds of the fold's share of that class's rows, averaged over the classes.
 */
function classShareSpread(
  foldCounts: readonly number[][],
  classTotals: readonly number[],
  candidate: number,
  groupCounts: readonly number[],
): number {
  let total = 0;
  for (let k = 0; k < classTotals.length; k++) {
    const shares = foldCounts.map((perClass, f) => {
      const count = (perClass[k] as number) + (f === candidate ? (groupCounts[k] as number) : 0);
      return count / (classTotals[k] as number);
    });
    total += standardDeviation(shares);
  }
  return total / classTotals.length;
}

/** Population standard deviation (numpy's default). */
function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}
