import { MlInputError } from '../errors';
import { checkBinaryTargets, checkPair, checkProbabilities } from './inputs';

export type CalibrationBin = {
  /** Mean predicted probability of the rows in the bin. */
  meanPredicted: number;
  /** Share of those rows whose label is 1. */
  fractionPositive: number;
  count: number;
};

export type CalibrationCurveOptions = {
  nBins?: number;
  /** 'uniform': equal-width bins over [0, 1]; 'quantile': bins holding about the same number of rows. */
  strategy?: 'uniform' | 'quantile';
};

/**
 * Reliability diagram points, as scikit-learn's `calibration_curve`: a row goes to the bin whose upper edge is the
 * first edge >= p (bins are closed on the right), and empty bins are dropped.
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  p: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationBin[] {
  const context = 'calibrationCurve';
  const { nBins = 10, strategy = 'uniform' } = options;
  checkInputs(yTrue, p, nBins, context);
  let edges: Float64Array;
  if (strategy === 'uniform') edges = uniformEdges(nBins);
  else if (strategy === 'quantile') edges = quantileEdges(p, nBins);
  else throw new MlInputError(`${context}: strategy must be 'uniform' or 'quantile', got ${String(strategy)}`);
  return binned(yTrue, p, edges);
}

/**
 * Expected calibration error over `nBins` uniform bins: Σ (countᵦ / n)·|fraction positiveᵦ − mean predictedᵦ|, the
 * average distance, per row, between what the model promised and what happened.
 */
export function expectedCalibrationError(yTrue: ArrayLike<number>, p: ArrayLike<number>, nBins = 10): number {
  checkInputs(yTrue, p, nBins, 'expectedCalibrationError');
  let error = 0;
  for (const bin of binned(yTrue, p, uniformEdges(nBins))) {
    error += bin.count * Math.abs(bin.fractionPositive - bin.meanPredicted);
  }
  return error / yTrue.length;
}

function checkInputs(yTrue: ArrayLike<number>, p: ArrayLike<number>, nBins: number, context: string): void {
  if (!Number.isInteger(nBins) || nBins < 1) throw new MlInputError(`${context}: nBins is ${nBins}; expected >= 1`);
  checkPair(yTrue, p, context, 'p');
  checkBinaryTargets(yTrue, context);
  checkProbabilities(p, context);
}

/** numpy's `linspace(0, 1, nBins + 1)` to the last bit, so rows on an edge land in the same bin as scikit-learn's. */
function uniformEdges(nBins: number): Float64Array {
  const edges = new Float64Array(nBins + 1);
  const step = 1 / nBins;
  for (let b = 0; b < nBins; b++) edges[b] = b * step;
  edges[nBins] = 1;
  return edges;
}

/** numpy's `percentile(p, linspace(0, 100, nBins + 1))` with its default linear interpolation. */
function quantileEdges(p: ArrayLike<number>, nBins: number): Float64Array {
  const sorted = Float64Array.from(p).sort();
  const last = sorted.length - 1;
  const uniform = uniformEdges(nBins);
  const edges = new Float64Array(nBins + 1);
  for (let b = 0; b <= nBins; b++) {
    const quantile = ((uniform[b] as number) * 100) / 100;
    const position = quantile * last;
    const below = Math.min(Math.max(Math.floor(position), 0), last);
    const above = Math.min(below + 1, last);
    edges[b] = lerp(sorted[below] as number, sorted[above] as number, position - below);
  }
  return edges;
}

/** numpy's `_lerp`, which interpolates from the nearer end to stay monotone in `t`. */
function lerp(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

function binned(yTrue: ArrayLike<number>, p: ArrayLike<number>, edges: Float64Array): CalibrationBin[] {
  const nBins = edges.length - 1;
  const sums = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const counts = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    // Number of inner edges strictly below the value: numpy's searchsorted(edges[1:-1], value, side='left').
    let low = 1;
    let high = nBins;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((edges[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    const bin = low - 1;
    sums[bin] = (sums[bin] as number) + value;
    positives[bin] = (positives[bin] as number) + (yTrue[i] as number);
    counts[bin] = (counts[bin] as number) + 1;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = counts[b] as number;
    if (count === 0) continue;
    bins.push({
      meanPredicted: (sums[b] as number) / count,
      fractionPositive: (positives[b] as number) / count,
      count,
    });
  }
  return bins;
}
