import { ParameterError } from '../errors';
import type { Matrix } from '../matrix';
import type { RandomState } from '../random';
import { decodeFloat64, type EncodedArray, encodeFloat64 } from '../serialization';

/** The bin every missing value (NaN) falls in, whatever the feature; non-missing bins are 0…254. */
export const MISSING_BIN = 255;
export const MAX_BINS = 255;

/** Features binned to bytes, one Uint8Array per column, as the tree learners consume them. */
export type BinnedMatrix = { nRows: number; nCols: number; bins: Uint8Array[] };

export type BinMapperOptions = {
  /** Non-missing bins per feature, at most 255. */
  maxBins?: number;
  /** Rows used to find the quantiles; more rows than this are subsampled (as scikit-learn does). */
  subsample?: number;
  random: RandomState;
};

/**
 * Quantile binning as scikit-learn's HistGradientBoosting does it: a feature with at most `maxBins` distinct values
 * gets one bin per value (thresholds at the midpoints between them); otherwise thresholds sit at evenly spaced
 * percentiles (midpoint interpolation). Bin b holds thresholds[b-1] < x <= thresholds[b], so a split "bin <= b" is
 * the raw-value split "x <= thresholds[b]" and trees can predict on raw values.
 */
export class BinMapper {
  constructor(readonly thresholds: readonly Float64Array[]) {}

  /**
   * Finds the thresholds without sorting: a feature with few distinct values is detected with a small set that gives
   * up past `maxBins` values, and a continuous feature's quantiles come from a multi-quickselect of just the order
   * statistics needed (a push-and-sort took ~80 ms per 160,000-row column). The result is what sorting would give,
   * bit for bit (bin-mapper.test.ts checks it against a sort).
   */
  static fit(X: Matrix, { maxBins = MAX_BINS, subsample = 200_000, random }: BinMapperOptions): BinMapper {
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
      throw new ParameterError(`maxBins must be an integer from 2 to ${MAX_BINS}, got ${maxBins}`);
    }
    const rows = X.nRows > subsample ? random.sampleWithoutReplacement(X.nRows, subsample) : null;
    const n = rows ? rows.length : X.nRows;
    const values = new Float64Array(n);
    const thresholds = X.columns.map((column) => {
      let count = 0;
      for (let k = 0; k < n; k++) {
        const value = column[rows ? (rows[k] as number) : k] as number;
        if (!Number.isNaN(value)) values[count++] = value;
      }
      return featureThresholds(values.subarray(0, count), maxBins);
    });
    return new BinMapper(thresholds);
  }

  get nFeatures(): number {
    return this.thresholds.length;
  }

  /** Non-missing bins of feature j. */
  nBins(j: number): number {
    return (this.thresholds[j]?.length ?? 0) + 1;
  }

  transform(X: Matrix): BinnedMatrix {
    const scratch = new Int32Array(BLOCK);
    const bins = X.columns.map((column, j) => {
      const edges = this.thresholds[j] as Float64Array;
      const out = new Uint8Array(column.length);
      if (edges.some(Number.isNaN)) {
        // Only ±∞ in the data make a NaN midpoint; the search below needs sorted edges, so take the slow path.
        for (let i = 0; i < column.length; i++) {
          const value = column[i] as number;
          out[i] = Number.isNaN(value) ? MISSING_BIN : binOf(edges, value);
        }
      } else binColumn(column, paddedEdges(edges), scratch, out);
      return out;
    });
    return { nRows: X.nRows, nCols: X.nCols, bins };
  }

  toJSON(): EncodedArray[] {
    return this.thresholds.map(encodeFloat64);
  }

  static fromJSON(json: EncodedArray[]): BinMapper {
    return new BinMapper(json.map(decodeFloat64));
  }
}

/** The number of thresholds below `value`: the smallest b with value <= edges[b]. */
function binOf(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((edges[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Rows binned in lockstep per pass of the search.
const BLOCK = 256;

/** The edges followed by +∞ up to a power of two longer than them: no value is below the padding. */
function paddedEdges(edges: Float64Array): Float64Array {
  let size = 1;
  while (size <= edges.length) size *= 2;
  const padded = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  padded.set(edges);
  return padded;
}

/**
 * binOf for a whole column: a binary search of fixed length over the padded edges, run for a block of rows in
 * lockstep (one halving per pass) so their chains of dependent loads overlap, with arithmetic instead of a branch on
 * comparisons a predictor would mostly miss.
 */
function binColumn(column: Float64Array, padded: Float64Array, scratch: Int32Array, out: Uint8Array): void {
  const half = padded.length >>> 1;
  for (let first = 0; first < column.length; first += BLOCK) {
    const count = Math.min(BLOCK, column.length - first);
    scratch.fill(0);
    for (let step = half; step > 0; step >>>= 1) {
      for (let k = 0; k < count; k++) {
        const bin = scratch[k] as number;
        scratch[k] = bin + (step & -((padded[bin + step - 1] as number) < (column[first + k] as number)));
      }
    }
    for (let k = 0; k < count; k++) {
      out[first + k] = Number.isNaN(column[first + k] as number) ? MISSING_BIN : (scratch[k] as number);
    }
  }
}

function featureThresholds(values: Float64Array, maxBins: number): Float64Array {
  const distinct = fewDistinct(values, maxBins);
  if (distinct) {
    const midpoints = new Float64Array(Math.max(0, distinct.length - 1));
    for (let i = 0; i < midpoints.length; i++)
      midpoints[i] = ((distinct[i] as number) + (distinct[i + 1] as number)) / 2;
    return midpoints;
  }
  const last = values.length - 1;
  const positions: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const position = (b / maxBins) * last;
    positions.push(Math.floor(position), Math.ceil(position));
  }
  const wanted = Int32Array.from(new Set(positions)).sort();
  selectOrderStatistics(values, wanted);
  signZeros(values, wanted);
  const out: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const position = (b / maxBins) * last;
    const value = ((values[Math.floor(position)] as number) + (values[Math.ceil(position)] as number)) / 2;
    if (out.length === 0 || value !== out[out.length - 1]) out.push(value);
  }
  return Float64Array.from(out);
}

/**
 * Quickselect sees −0 and 0 as equal, but a sort puts every −0 first: give each selected zero the sign it would
 * have in sorted order, so thresholds match BinMapper.fit bit for bit.
 */
function signZeros(values: Float64Array, wanted: Int32Array): void {
  let belowZero = -1;
  for (let k = 0; k < wanted.length; k++) {
    const p = wanted[k] as number;
    if (values[p] !== 0) continue;
    if (belowZero < 0) {
      belowZero = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        if (v < 0 || Object.is(v, -0)) belowZero++;
      }
    }
    values[p] = p < belowZero ? -0 : 0;
  }
}

/** The sorted distinct values when there are at most `limit` of them (−0 and 0 count as one), else null. */
function fewDistinct(values: Float64Array, limit: number): Float64Array | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i] as number);
    if (seen.size > limit) return null;
  }
  return Float64Array.from(seen).sort();
}

/**
 * Rearranges `values` so that values[p] is the p-th smallest for every p in `wanted` (ascending): quickselect that
 * recurses only into the parts holding wanted positions, O(n log k).
 */
function selectOrderStatistics(values: Float64Array, wanted: Int32Array): void {
  const stack: number[] = [0, values.length - 1, 0, wanted.length];
  while (stack.length > 0) {
    const wantedEnd = stack.pop() as number;
    const wantedStart = stack.pop() as number;
    const high = stack.pop() as number;
    const low = stack.pop() as number;
    if (wantedStart >= wantedEnd || low >= high) continue;
    if (high - low < 16) {
      values.subarray(low, high + 1).sort();
      continue;
    }
    const [lessEnd, greaterStart] = partitionAroundMedianOfThree(values, low, high);
    // values[lessEnd+1 .. greaterStart-1] all equal the pivot and are in place.
    let split = wantedStart;
    while (split < wantedEnd && (wanted[split] as number) <= lessEnd) split++;
    let after = split;
    while (after < wantedEnd && (wanted[after] as number) < greaterStart) after++;
    stack.push(low, lessEnd, wantedStart, split, greaterStart, high, after, wantedEnd);
  }
}

/** Three-way partition of values[low..high]: returns [last index < pivot, first index > pivot]. */
function partitionAroundMedianOfThree(values: Float64Array, low: number, high: number): [number, number] {
  const a = values[low] as number;
  const b = values[(low + high) >>> 1] as number;
  const c = values[high] as number;
  const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
  let lt = low;
  let gt = high;
  let i = low;
  while (i <= gt) {
    const v = values[i] as number;
    if (v < pivot) {
      values[i] = values[lt] as number;
      values[lt++] = v;
      i++;
    } else if (v > pivot) {
      values[i] = values[gt] as number;
      values[gt--] = v;
    } else i++;
  }
  return [lt - 1, gt + 1];
}
