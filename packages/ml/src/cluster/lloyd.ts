import { assignNearest, squaredDistance } from './squared-distance';

export type LloydResult = { centers: Float64Array; labels: Int32Array; inertia: number; nIter: number };

/**
 * Lloyd's k-means iterations over row-major `data`, with scikit-learn's stopping rules: assign rows to the nearest
 * centre, move each centre to its rows' mean, and stop when no label changes, when the centres moved by at most
 * `tolerance` (summed squared shift), or after `maxIter` rounds. A cluster left empty is re-seeded with the row
 * farthest from its centre. `initial` (k × nCols, row-major) is not modified.
 *
 * Elkan's bounds make it fast without changing the result: each row keeps an upper bound on the distance to its
 * centre and a lower bound on its distance to every centre, moved by how far the centres move. A centre is skipped
 * when the row's lower bound for it, or half its distance to the row's own centre, exceeds the upper bound: most
 * distances are never computed. Cluster sums are updated as rows move rather than recomputed.
 */
export function lloyd(
  data: Float64Array,
  nRows: number,
  nCols: number,
  initial: Float64Array,
  maxIter: number,
  tolerance: number,
): LloydResult {
  const nClusters = initial.length / nCols;
  let centers = initial.slice();
  let next = new Float64Array(initial.length);
  const sums = new Float64Array(initial.length);
  const counts = new Int32Array(nClusters);
  const labels = new Int32Array(nRows);
  const upper = new Float64Array(nRows);
  /** lower[i · k + c] <= distance from row i to centre c. */
  const lower = new Float64Array(nRows * nClusters);
  const shift = new Float64Array(nClusters);
  /** Half the distance between each pair of centres, and from each centre to its nearest other. */
  const halfGap = new Float64Array(nClusters * nClusters);
  const halfNearest = new Float64Array(nClusters);
  let converged = false;
  let iteration = 0;
  while (iteration < maxIter) {
    iteration++;
    let changed = nRows;
    if (iteration === 1) {
      for (let i = 0; i < nRows; i++) labels[i] = nearestWithBounds(data, i, nCols, centers, nClusters, upper, lower);
      sumByCluster(data, nRows, nCols, labels, sums, counts);
    } else {
      centerGaps(centers, nClusters, nCols, halfGap, halfNearest);
      changed = 0;
      for (let i = 0; i < nRows; i++) {
        const own = labels[i] as number;
        if ((upper[i] as number) <= (halfNearest[own] as number)) continue;
        let best = own;
        let bound = upper[i] as number;
        let tight = false;
        for (let c = 0; c < nClusters; c++) {
          if (
            c === best ||
            bound <= (lower[i * nClusters + c] as number) ||
            bound <= (halfGap[best * nClusters + c] as number)
          ) {
            continue;
          }
          if (!tight) {
            bound = Math.sqrt(squaredDistance(data, i, centers, best, nCols));
            lower[i * nClusters + best] = bound;
            tight = true;
            if (bound <= (lower[i * nClusters + c] as number) || bound <= (halfGap[best * nClusters + c] as number)) {
              continue;
            }
          }
          const distance = Math.sqrt(squaredDistance(data, i, centers, c, nCols));
          lower[i * nClusters + c] = distance;
          if (distance < bound) {
            bound = distance;
            best = c;
          }
        }
        upper[i] = bound;
        if (best !== own) {
          moveRow(data, i, nCols, own, best, sums, counts);
          labels[i] = best;
          changed++;
        }
      }
    }
    next.set(sums);
    const nextCounts = counts.slice();
    relocateEmptyClusters(data, nRows, nCols, centers, labels, next, nextCounts);
    let totalShift = 0;
    for (let c = 0; c < nClusters; c++) {
      const count = nextCounts[c] as number;
      for (let j = 0; j < nCols; j++) {
        const k = c * nCols + j;
        // A cluster that lost its only row to an empty one keeps its centre rather than collapsing to the origin.
        next[k] = count > 0 ? (next[k] as number) / count : (centers[k] as number);
      }
      const squared = squaredDistance(next, c, centers, c, nCols);
      shift[c] = Math.sqrt(squared);
      totalShift += squared;
    }
    widenBounds(labels, shift, upper, lower);
    [centers, next] = [next, centers];
    if (changed === 0) {
      converged = true;
      break;
    }
    if (totalShift <= tolerance) break;
  }
  // Labels must describe the final centres, which moved after the last assignment unless nothing changed.
  const inertia = converged
    ? inertiaOf(data, nRows, nCols, centers, labels)
    : assignNearest(data, nRows, nCols, centers, nClusters, labels, new Float64Array(nRows));
  return { centers, labels, inertia, nIter: iteration };
}

/** Row i's nearest centre (lowest index on ties), recording its exact distance to every centre. */
function nearestWithBounds(
  data: Float64Array,
  i: number,
  nCols: number,
  centers: Float64Array,
  nClusters: number,
  upper: Float64Array,
  lower: Float64Array,
): number {
  let best = 0;
  let nearest = Number.POSITIVE_INFINITY;
  for (let c = 0; c < nClusters; c++) {
    const distance = Math.sqrt(squaredDistance(data, i, centers, c, nCols));
    lower[i * nClusters + c] = distance;
    if (distance < nearest) {
      nearest = distance;
      best = c;
    }
  }
  upper[i] = nearest;
  return best;
}

/** Half the distance between every two centres, and from each centre to its nearest other. */
function centerGaps(
  centers: Float64Array,
  nClusters: number,
  nCols: number,
  halfGap: Float64Array,
  halfNearest: Float64Array,
): void {
  halfNearest.fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < nClusters; a++) {
    for (let b = a + 1; b < nClusters; b++) {
      const half = Math.sqrt(squaredDistance(centers, a, centers, b, nCols)) / 2;
      halfGap[a * nClusters + b] = half;
      halfGap[b * nClusters + a] = half;
      if (half < (halfNearest[a] as number)) halfNearest[a] = half;
      if (half < (halfNearest[b] as number)) halfNearest[b] = half;
    }
  }
}

/** After centres moved by `shift`: a row's centre is at most its shift farther, every centre at most its shift closer. */
function widenBounds(labels: Int32Array, shift: Float64Array, upper: Float64Array, lower: Float64Array): void {
  const nClusters = shift.length;
  for (let i = 0; i < labels.length; i++) {
    upper[i] = (upper[i] as number) + (shift[labels[i] as number] as number);
    for (let c = 0; c < nClusters; c++) {
      const k = i * nClusters + c;
      lower[k] = Math.max(0, (lower[k] as number) - (shift[c] as number));
    }
  }
}

function moveRow(
  data: Float64Array,
  i: number,
  nCols: number,
  from: number,
  to: number,
  sums: Float64Array,
  counts: Int32Array,
): void {
  for (let j = 0; j < nCols; j++) {
    const value = data[i * nCols + j] as number;
    sums[from * nCols + j] = (sums[from * nCols + j] as number) - value;
    sums[to * nCols + j] = (sums[to * nCols + j] as number) + value;
  }
  counts[from] = (counts[from] as number) - 1;
  counts[to] = (counts[to] as number) + 1;
}

function sumByCluster(
  data: Float64Array,
  nRows: number,
  nCols: number,
  labels: Int32Array,
  sums: Float64Array,
  counts: Int32Array,
): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < nCols; j++) {
      sums[c * nCols + j] = (sums[c * nCols + j] as number) + (data[i * nCols + j] as number);
    }
  }
}

/**
 * Gives each empty cluster one of the rows farthest from their centre (farthest first), taking it out of its old
 * cluster's sum, as scikit-learn does. Only this round's centres change: labels, and the running sums that follow
 * them, are left for the next assignment to settle.
 */
function relocateEmptyClusters(
  data: Float64Array,
  nRows: number,
  nCols: number,
  centers: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  counts: Int32Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const distances = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) distances[i] = squaredDistance(data, i, centers, labels[i] as number, nCols);
  const farthest = Int32Array.from(distances.keys())
    .sort((a, b) => (distances[b] as number) - (distances[a] as number) || a - b)
    .subarray(0, empty.length);
  empty.forEach((cluster, k) => {
    const row = farthest[k] as number;
    const old = labels[row] as number;
    for (let j = 0; j < nCols; j++) {
      const value = data[row * nCols + j] as number;
      sums[old * nCols + j] = (sums[old * nCols + j] as number) - value;
      sums[cluster * nCols + j] = value;
    }
    counts[old] = (counts[old] as number) - 1;
    counts[cluster] = 1;
  });
}

function inertiaOf(data: Float64Array, nRows: number, nCols: number, centers: Float64Array, labels: Int32Array) {
  let inertia = 0;
  for (let i = 0; i < nRows; i++) inertia += squaredDistance(data, i, centers, labels[i] as number, nCols);
  return inertia;
}
