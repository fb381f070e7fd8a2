import type { RandomState } from '../random';
import { squaredDistance } from './squared-distance';

/**
 * Greedy k-means++ seeding as scikit-learn does it: the first centre is a uniformly random row; each next one is the
 * best, by resulting potential (summed squared distance to the nearest centre), of 2 + ⌊ln k⌋ rows drawn with
 * probability proportional to their squared distance to the centres chosen so far. Returns k × nCols centres,
 * row-major.
 */
export function kMeansPlusPlus(
  data: Float64Array,
  nRows: number,
  nCols: number,
  nClusters: number,
  random: RandomState,
): Float64Array {
  const centers = new Float64Array(nClusters * nCols);
  const nTrials = 2 + Math.floor(Math.log(nClusters));
  const first = random.int(nRows);
  centers.set(data.subarray(first * nCols, (first + 1) * nCols), 0);
  const closest = new Float64Array(nRows);
  let potential = 0;
  for (let i = 0; i < nRows; i++) {
    closest[i] = squaredDistance(data, i, centers, 0, nCols);
    potential += closest[i] as number;
  }
  const cumulative = new Float64Array(nRows);
  const trialClosest = new Float64Array(nRows);
  const bestClosest = new Float64Array(nRows);
  for (let c = 1; c < nClusters; c++) {
    let running = 0;
    for (let i = 0; i < nRows; i++) {
      running += closest[i] as number;
      cumulative[i] = running;
    }
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestRow = 0;
    for (let t = 0; t < nTrials; t++) {
      const candidate = Math.min(searchSorted(cumulative, random.float() * potential), nRows - 1);
      let trialPotential = 0;
      for (let i = 0; i < nRows; i++) {
        const distance = Math.min(closest[i] as number, squaredDistance(data, i, data, candidate, nCols));
        trialClosest[i] = distance;
        trialPotential += distance;
      }
      if (trialPotential < bestPotential) {
        bestPotential = trialPotential;
        bestRow = candidate;
        bestClosest.set(trialClosest);
      }
    }
    closest.set(bestClosest);
    potential = bestPotential;
    centers.set(data.subarray(bestRow * nCols, (bestRow + 1) * nCols), c * nCols);
  }
  return centers;
}

/** k distinct rows chosen uniformly at random (scikit-learn's init='random'). */
export function randomRows(
  data: Float64Array,
  nRows: number,
  nCols: number,
  nClusters: number,
  random: RandomState,
): Float64Array {
  const centers = new Float64Array(nClusters * nCols);
  const rows = random.sampleWithoutReplacement(nRows, nClusters);
  for (let c = 0; c < nClusters; c++) {
    const row = rows[c] as number;
    centers.set(data.subarray(row * nCols, (row + 1) * nCols), c * nCols);
  }
  return centers;
}

/** The first index whose value is >= `value` (numpy's searchsorted, side='left'); `sorted.length` if none. */
function searchSorted(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
