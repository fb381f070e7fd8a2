import type { RandomState } from '../random';

/** How often each of `nRows` rows is drawn in `nDraws` draws with replacement: a bootstrap sample as weights. */
export function bootstrapCounts(nRows: number, nDraws: number, random: RandomState, out = new Int32Array(nRows)) {
  out.fill(0);
  for (let k = 0; k < nDraws; k++) {
    const row = random.int(nRows);
    out[row] = (out[row] as number) + 1;
  }
  return out;
}

/**
 * scikit-learn's "balanced" class weights, n / (classes present · n_class), over the rows as drawn (`counts`, or each
 * row once when null). Sample weights play no part, as in scikit-learn.
 */
export function balancedClassWeights(labels: Uint8Array, counts: Int32Array | null): [number, number] {
  let negatives = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const count = counts ? (counts[i] as number) : 1;
    if (labels[i] === 1) positives += count;
    else negatives += count;
  }
  const classesPresent = (negatives > 0 ? 1 : 0) + (positives > 0 ? 1 : 0);
  const total = negatives + positives;
  return [
    negatives > 0 ? total / (classesPresent * negatives) : 0,
    positives > 0 ? total / (classesPresent * positives) : 0,
  ];
}
