/**
 * Area under the ROC curve of `scores` for 0/1 `labels`, as the Mann–Whitney statistic with tied scores sharing
 * their mean rank (scikit-learn's `roc_auc_score`). NaN when one class is absent.
 *
 * Kept inside the forest for its out-of-bag score, so the forest does not depend on the metrics module.
 */
export function rocAuc(scores: Float64Array, labels: Uint8Array): number {
  const n = scores.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    const score = scores[order[start] as number] as number;
    let end = start + 1;
    while (end < n && scores[order[end] as number] === score) end++;
    // Ranks start..end-1 (0-based) are tied: each gets their mean, 1-based.
    const meanRank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
