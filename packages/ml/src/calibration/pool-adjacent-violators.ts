/**
 * Weighted least-squares non-decreasing fit of `y`, in place, by pool-adjacent-violators: a port of
 * scikit-learn's `_inplace_contiguous_isotonic_regression`, step for step so results agree to the last bit.
 * `weight` is overwritten with block sums.
 */
export function poolAdjacentViolators(y: Float64Array, weight: Float64Array): void {
  const n = y.length;
  // If [i..j] is a block, target[i] = j and target[j] = i; y[i] and weight[i] hold the block's mean and weight.
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) target[i] = i;
  let i = 0;
  while (i < n) {
    let k = (target[i] as number) + 1;
    if (k === n) break;
    if ((y[i] as number) < (y[k] as number)) {
      i = k;
      continue;
    }
    let sumWy = (weight[i] as number) * (y[i] as number);
    let sumW = weight[i] as number;
    for (;;) {
      // Within a decreasing run: absorb block k.
      const previousY = y[k] as number;
      sumWy += (weight[k] as number) * (y[k] as number);
      sumW += weight[k] as number;
      k = (target[k] as number) + 1;
      if (k === n || previousY < (y[k] as number)) {
        y[i] = sumWy / sumW;
        weight[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        // Step back one block: the merged mean may now violate the order with its left neighbour.
        if (i > 0) i = target[i - 1] as number;
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = (target[i] as number) + 1;
    y.fill(y[i] as number, i + 1, k);
    i = k;
  }
}
