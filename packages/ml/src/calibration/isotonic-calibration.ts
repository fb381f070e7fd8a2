import { z } from 'zod';
import { MlInputError } from '../errors';
import { checkSampleWeight, encodeBinaryLabels, type FitOptions } from '../estimator';
import type { MatrixLike } from '../matrix';
import { checkEnvelope, decodeFloat64, type EncodedArray, encodeFloat64 } from '../serialization';
import { poolAdjacentViolators } from './pool-adjacent-violators';
import { ScoreCalibrator } from './score-calibrator';
import { scoreColumn } from './scores';

const paramsSchema = z
  .strictObject({
    /** Bounds of the fitted probabilities (scikit-learn's y_min / y_max). */
    yMin: z.number().min(0).max(1),
    yMax: z.number().min(0).max(1),
    randomState: z.number().int(),
  })
  .refine((params) => params.yMin <= params.yMax, { path: ['yMax'], message: 'must be >= yMin' });

export type IsotonicCalibrationParams = z.infer<typeof paramsSchema>;

type State = {
  classes: [number, number];
  /** Knots of the piecewise-linear map, scores ascending; probabilities non-decreasing. */
  thresholdsX: Float64Array;
  thresholdsY: Float64Array;
};

type StateJSON = { classes: [number, number]; thresholdsX: EncodedArray; thresholdsY: EncodedArray };

/** scikit-learn pools scores closer than float64 resolution into one point. */
const DUPLICATE_TOLERANCE = 1e-15;

/**
 * Calibrates a score into a probability with the best non-decreasing step fit (pool-adjacent-violators), then
 * interpolates linearly between the fitted points and clips outside them: scikit-learn's
 * `IsotonicRegression(out_of_bounds='clip')`, as CalibratedClassifierCV uses it. Takes one column of scores; no
 * parametric shape is assumed, so it needs more rows than Platt scaling to avoid overfitting.
 */
export class IsotonicCalibration extends ScoreCalibrator<IsotonicCalibrationParams, State> {
  readonly kind = 'IsotonicCalibration';

  constructor(params: Partial<IsotonicCalibrationParams> = {}) {
    super(paramsSchema, params, { yMin: 0, yMax: 1, randomState: 0 });
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const { yMin, yMax } = this.validatedParams();
    const scores = scoreColumn(X, this.kind);
    const { classes, encoded } = encodeBinaryLabels(y, scores.length, this.kind);
    const weight = checkSampleWeight(options.sampleWeight, scores.length, this.kind);
    const { x, means, weights } = pooledByScore(scores, encoded, weight, this.kind);
    poolAdjacentViolators(means, weights);
    for (let k = 0; k < means.length; k++) means[k] = Math.min(Math.max(means[k] as number, yMin), yMax);
    this.fitted = { classes, ...withoutInteriorFlats(x, means) };
    return this;
  }

  protected calibrateScore(score: number, state: State): number {
    return interpolate(score, state.thresholdsX, state.thresholdsY);
  }

  protected stateToJSON(state: State): StateJSON {
    return {
      classes: state.classes,
      thresholdsX: encodeFloat64(state.thresholdsX),
      thresholdsY: encodeFloat64(state.thresholdsY),
    };
  }

  static fromJSON(json: unknown): IsotonicCalibration {
    const { params } = checkEnvelope(json, 'IsotonicCalibration');
    return new IsotonicCalibration(params as IsotonicCalibrationParams).restore(json, (state) => {
      const saved = state as StateJSON;
      return {
        classes: saved.classes,
        thresholdsX: decodeFloat64(saved.thresholdsX),
        thresholdsY: decodeFloat64(saved.thresholdsY),
      };
    });
  }
}

/**
 * Rows sorted by (score, label), zero-weight rows dropped, and runs of equal scores merged into one point with
 * their weighted mean label and total weight (scikit-learn's `_make_unique`).
 */
function pooledByScore(scores: Float64Array, labels: Uint8Array, weight: Float64Array | undefined, context: string) {
  const kept: number[] = [];
  for (let i = 0; i < scores.length; i++) if (weight === undefined || (weight[i] as number) > 0) kept.push(i);
  if (kept.length === 0) throw new MlInputError(`${context}: every sampleWeight is 0`);
  const order = Int32Array.from(kept).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number) || (labels[a] as number) - (labels[b] as number) || a - b,
  );
  const x = new Float64Array(order.length);
  const means = new Float64Array(order.length);
  const weights = new Float64Array(order.length);
  let n = 0;
  let currentX = scores[order[0] as number] as number;
  let sumW = 0;
  let sumWy = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const w = weight === undefined ? 1 : (weight[i] as number);
    const score = scores[i] as number;
    if (score - currentX >= DUPLICATE_TOLERANCE) {
      x[n] = currentX;
      weights[n] = sumW;
      means[n] = sumWy / sumW;
      n++;
      currentX = score;
      sumW = w;
      sumWy = (labels[i] as number) * w;
    } else {
      sumW += w;
      sumWy += (labels[i] as number) * w;
    }
  }
  x[n] = currentX;
  weights[n] = sumW;
  means[n] = sumWy / sumW;
  n++;
  return { x: x.slice(0, n), means: means.slice(0, n), weights: weights.slice(0, n) };
}

/** Drops points whose probability equals both neighbours': they change no interpolated value. */
function withoutInteriorFlats(x: Float64Array, y: Float64Array) {
  const keep: number[] = [];
  for (let k = 0; k < y.length; k++) {
    const interior = k > 0 && k < y.length - 1;
    if (!interior || y[k] !== y[k - 1] || y[k] !== y[k + 1]) keep.push(k);
  }
  return {
    thresholdsX: Float64Array.from(keep, (k) => x[k] as number),
    thresholdsY: Float64Array.from(keep, (k) => y[k] as number),
  };
}

/**
 * numpy's `interp` after clipping to the fitted range, operation for operation (it is what scikit-learn calls), so
 * calibrated probabilities equal scikit-learn's bit for bit.
 */
function interpolate(score: number, xs: Float64Array, ys: Float64Array): number {
  const last = xs.length - 1;
  if (score <= (xs[0] as number)) return ys[0] as number;
  if (score >= (xs[last] as number)) return ys[last] as number;
  // Largest j with xs[j] <= score; xs[0] < score < xs[last] here.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((xs[middle] as number) <= score) low = middle;
    else high = middle;
  }
  const x0 = xs[low] as number;
  const y0 = ys[low] as number;
  if (x0 === score) return y0;
  const x1 = xs[low + 1] as number;
  const y1 = ys[low + 1] as number;
  const slope = (y1 - y0) / (x1 - x0);
  const value = slope * (score - x0) + y0;
  if (!Number.isNaN(value)) return value;
  const fromRight = slope * (score - x1) + y1;
  return Number.isNaN(fromRight) && y0 === y1 ? y0 : fromRight;
}
