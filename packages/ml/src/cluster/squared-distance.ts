/** Squared Euclidean distance between row `a` of `A` and row `b` of `B`, both row-major with `nCols` columns. */
export function squaredDistance(A: Float64Array, a: number, B: Float64Array, b: number, nCols: number): number {
  const offsetA = a * nCols;
  const offsetB = b * nCols;
  // Four independent accumulators let the additions overlap instead of waiting on one another.
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let j = 0;
  for (; j + 3 < nCols; j += 4) {
    const d0 = (A[offsetA + j] as number) - (B[offsetB + j] as number);
    const d1 = (A[offsetA + j + 1] as number) - (B[offsetB + j + 1] as number);
    const d2 = (A[offsetA + j + 2] as number) - (B[offsetB + j + 2] as number);
    const d3 = (A[offsetA + j + 3] as number) - (B[offsetB + j + 3] as number);
    sum0 += d0 * d0;
    sum1 += d1 * d1;
    sum2 += d2 * d2;
    sum3 += d3 * d3;
  }
  for (; j < nCols; j++) {
    const d = (A[offsetA + j] as number) - (B[offsetB + j] as number);
    sum0 += d * d;
  }
  return sum0 + sum1 + (sum2 + sum3);
}

/**
 * Assigns each row of `data` to its nearest centre (lowest index on ties), writing the label and the squared
 * distance to that centre; returns the summed squared distance (the inertia).
 */
export function assignNearest(
  data: Float64Array,
  nRows: number,
  nCols: number,
  centers: Float64Array,
  nClusters: number,
  labels: Int32Array,
  distances: Float64Array,
): number {
  let inertia = 0;
  for (let i = 0; i < nRows; i++) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < nClusters; c++) {
      const distance = squaredDistance(data, i, centers, c, nCols);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    labels[i] = best;
    distances[i] = bestDistance;
    inertia += bestDistance;
  }
  return inertia;
}
