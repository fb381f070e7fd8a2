import { MlInputError } from '../errors';
import { checkBinaryTargets, checkPair, checkScores } from './inputs';

export type RocPoint = {
  fpr: number;
  tpr: number;
  /** Rows scoring >= threshold are called positive; the first point's is Infinity (nothing called positive). */
  threshold: number;
};

export type RocCurveOptions = {
  /** Drop points on a straight segment between their neighbours (scikit-learn's `drop_intermediate`). */
  dropIntermediate?: boolean;
  /**
   * At most this many points (>= 2), kept evenly along the curve's length, so a curve over many thousand distinct
   * scores stays small enough to store with a model and draw. Infinity keeps every point.
   */
  maxPoints?: number;
};

/**
 * The ROC curve as scikit-learn's `roc_curve`: one point per distinct score, highest first (tied scores are one
 * threshold), collinear points dropped, and a first point at (0, 0) with an infinite threshold.
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocPoint[] {
  const context = 'rocCurve';
  const { dropIntermediate = true, maxPoints = 100 } = options;
  if (!(maxPoints >= 2)) throw new MlInputError(`${context}: maxPoints is ${maxPoints}; expected >= 2`);
  checkPair(yTrue, scores, context, 'scores');
  checkBinaryTargets(yTrue, context);
  checkScores(scores, context);

  const n = yTrue.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let fp = 0;
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      fps.push(fp);
      tps.push(tp);
      thresholds.push(scores[i] as number);
    }
  }
  if (tp === 0 || fp === 0) {
    throw new MlInputError(`${context}: yTrue has a single class; the curve is undefined without both 0 and 1`);
  }

  const kept = dropIntermediate && fps.length > 2 ? cornerIndices(fps, tps) : fps.map((_, k) => k);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
  for (const k of kept) {
    points.push({ fpr: (fps[k] as number) / fp, tpr: (tps[k] as number) / tp, threshold: thresholds[k] as number });
  }
  return points.length > maxPoints ? thinned(points, maxPoints) : points;
}

/** The first, the last, and every point where the curve's slope changes (a non-zero second difference). */
function cornerIndices(fps: readonly number[], tps: readonly number[]): number[] {
  const kept = [0];
  for (let k = 1; k < fps.length - 1; k++) {
    const fpBend = (fps[k + 1] as number) - 2 * (fps[k] as number) + (fps[k - 1] as number);
    const tpBend = (tps[k + 1] as number) - 2 * (tps[k] as number) + (tps[k - 1] as number);
    if (fpBend !== 0 || tpBend !== 0) kept.push(k);
  }
  kept.push(fps.length - 1);
  return kept;
}

/**
 * Keeps the ends and, between them, the first point past each equal step of the curve's length (Δfpr + Δtpr, both
 * only grow): dense stretches lose points, sparse corners keep theirs. Long straight runs hold no points, so the
 * step is the smallest (found by bisection) that keeps within maxPoints, not simply 2 / (maxPoints − 1).
 */
function thinned(points: readonly RocPoint[], maxPoints: number): RocPoint[] {
  let fits = alongCurve(points, 2);
  let low = 0;
  let high = 2;
  for (let iteration = 0; iteration < 40; iteration++) {
    const middle = (low + high) / 2;
    const candidate = alongCurve(points, middle);
    if (candidate.length <= maxPoints) {
      fits = candidate;
      high = middle;
    } else low = middle;
  }
  return fits;
}

function alongCurve(points: readonly RocPoint[], step: number): RocPoint[] {
  const last = points.length - 1;
  const out: RocPoint[] = [points[0] as RocPoint];
  let length = 0;
  let nextMark = step;
  for (let k = 1; k < last; k++) {
    const point = points[k] as RocPoint;
    const before = points[k - 1] as RocPoint;
    length += point.fpr - before.fpr + (point.tpr - before.tpr);
    if (length >= nextMark) {
      out.push(point);
      nextMark = (Math.floor(length / step) + 1) * step;
    }
  }
  out.push(points[last] as RocPoint);
  return out;
}
