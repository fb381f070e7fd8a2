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

  static fit(X: Matrix, { maxBins = MAX_BINS, subsample = 200_000, random }: BinMapperOptions): BinMapper {
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
      throw new ParameterError(`maxBins must be an integer from 2 to ${MAX_BINS}, got ${maxBins}`);
    }
    const rows = X.nRows > subsample ? random.sampleWithoutReplacement(X.nRows, subsample) : null;
    const thresholds = X.columns.map((column) => {
      const values: number[] = [];
      const n = rows ? rows.length : column.length;
      for (let k = 0; k < n; k++) {
        const value = column[rows ? (rows[k] as number) : k] as number;
        if (!Number.isNaN(value)) values.push(value);
      }
      return featureThresholds(Float64Array.from(values).sort(), maxBins);
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
    const bins = X.columns.map((column, j) => {
      const edges = this.thresholds[j] as Float64Array;
      const out = new Uint8Array(column.length);
      for (let i = 0; i < column.length; i++) {
        const value = column[i] as number;
        out[i] = Number.isNaN(value) ? MISSING_BIN : binOf(edges, value);
      }
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

function featureThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] as number);
  }
  if (distinct.length <= maxBins) {
    const midpoints = new Float64Array(Math.max(0, distinct.length - 1));
    for (let i = 0; i < midpoints.length; i++)
      midpoints[i] = ((distinct[i] as number) + (distinct[i + 1] as number)) / 2;
    return midpoints;
  }
  const out: number[] = [];
  const last = sorted.length - 1;
  for (let b = 1; b < maxBins; b++) {
    const position = (b / maxBins) * last;
    const value = ((sorted[Math.floor(position)] as number) + (sorted[Math.ceil(position)] as number)) / 2;
    if (out.length === 0 || value !== out[out.length - 1]) out.push(value);
  }
  return Float64Array.from(out);
}
