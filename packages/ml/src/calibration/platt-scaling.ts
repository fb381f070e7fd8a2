import { z } from 'zod';
import { MlInputError } from '../errors';
import { checkSampleWeight, encodeBinaryLabels, type FitOptions } from '../estimator';
import type { MatrixLike } from '../matrix';
import { checkEnvelope } from '../serialization';
import { ScoreCalibrator } from './score-calibrator';
import { scoreColumn } from './scores';

const paramsSchema = z.strictObject({ randomState: z.number().int() });

export type PlattScalingParams = z.infer<typeof paramsSchema>;

type State = { classes: [number, number]; a: number; b: number };

const MAX_NEWTON_STEPS = 100;
/** Keeps the Newton system solvable when the scores barely vary (Lin, Lin & Weng 2007). */
const HESSIAN_RIDGE = 1e-12;
/** Armijo sufficient-decrease constant of the backtracking line search. */
const SUFFICIENT_DECREASE = 1e-4;
const MIN_STEP = 1e-10;
const STEP_TOLERANCE = 1e-10;

/**
 * Sigmoid calibration p = 1 / (1 + exp(a·s + b)) (Platt 2000), fitted like scikit-learn's `_sigmoid_calibration`:
 * maximum likelihood against Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), which keep a and b finite
 * even on separable scores. Solved by Newton's method with a backtracking line search (Lin, Lin & Weng 2007), so it
 * reaches the exact optimum that scikit-learn's BFGS approximates. Two parameters: robust on small samples.
 */
export class PlattScaling extends ScoreCalibrator<PlattScalingParams, State> {
  readonly kind = 'PlattScaling';

  constructor(params: Partial<PlattScalingParams> = {}) {
    super(paramsSchema, params, { randomState: 0 });
  }

  /** Slope and intercept of the fitted sigmoid; a < 0 when higher scores mean the positive class. */
  get coefficients(): { a: number; b: number } {
    const { a, b } = this.state;
    return { a, b };
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.validatedParams();
    const scores = scoreColumn(X, this.kind);
    const { classes, encoded } = encodeBinaryLabels(y, scores.length, this.kind);
    const weight =
      checkSampleWeight(options.sampleWeight, scores.length, this.kind) ?? new Float64Array(scores.length).fill(1);
    this.fitted = { classes, ...fitSigmoid(scores, encoded, weight, this.kind) };
    return this;
  }

  protected calibrateScore(score: number, state: State): number {
    return positiveProbability(state.a * score + state.b);
  }

  protected stateToJSON(state: State): State {
    return state;
  }

  static fromJSON(json: unknown): PlattScaling {
    const { params } = checkEnvelope(json, 'PlattScaling');
    return new PlattScaling(params as PlattScalingParams).restore(json, (state) => state as State);
  }
}

/** 1 / (1 + e^z) without overflow for large |z|. */
function positiveProbability(z: number): number {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
}

/** Σ w·(log(1 + e^z) − (1 − t)·z), the negative log-likelihood of the smoothed targets t, where z = a·s + b. */
function objective(scores: Float64Array, targets: Float64Array, weight: Float64Array, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < scores.length; i++) {
    const z = a * (scores[i] as number) + b;
    const t = targets[i] as number;
    const rowLoss = z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)) - (1 - t) * z;
    loss += (weight[i] as number) * rowLoss;
  }
  return loss;
}

function fitSigmoid(scores: Float64Array, labels: Uint8Array, weight: Float64Array, context: string) {
  let negatives = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives += weight[i] as number;
    else negatives += weight[i] as number;
  }
  if (positives + negatives <= 0) throw new MlInputError(`${context}: every sampleWeight is 0`);
  const positiveTarget = (positives + 1) / (positives + 2);
  const negativeTarget = 1 / (negatives + 2);
  const targets = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) targets[i] = labels[i] === 1 ? positiveTarget : negativeTarget;

  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  let loss = objective(scores, targets, weight, a, b);
  const tolerance = 1e-12 * (positives + negatives);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    let gA = 0;
    let gB = 0;
    let hAA = HESSIAN_RIDGE;
    let hAB = 0;
    let hBB = HESSIAN_RIDGE;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i] as number;
      const w = weight[i] as number;
      const p = positiveProbability(a * s + b);
      const residual = w * ((targets[i] as number) - p);
      gA += residual * s;
      gB += residual;
      const curvature = w * p * (1 - p);
      hAA += curvature * s * s;
      hAB += curvature * s;
      hBB += curvature;
    }
    if (Math.abs(gA) <= tolerance && Math.abs(gB) <= tolerance) break;
    const determinant = hAA * hBB - hAB * hAB;
    const dA = -(hBB * gA - hAB * gB) / determinant;
    const dB = -(hAA * gB - hAB * gA) / determinant;
    // Newton converges quadratically: once its step is this small, a and b are exact to rounding, while the
    // gradient, a sum over every row, may never get below its own rounding error.
    if (Math.abs(dA) <= STEP_TOLERANCE * (1 + Math.abs(a)) && Math.abs(dB) <= STEP_TOLERANCE * (1 + Math.abs(b))) {
      a += dA;
      b += dB;
      break;
    }
    const slope = gA * dA + gB * dB;
    let length = 1;
    let accepted = false;
    while (length >= MIN_STEP) {
      const candidate = objective(scores, targets, weight, a + length * dA, b + length * dB);
      if (candidate <= loss + SUFFICIENT_DECREASE * length * slope) {
        a += length * dA;
        b += length * dB;
        loss = candidate;
        accepted = true;
        break;
      }
      length /= 2;
    }
    if (!accepted) break;
  }
  return { a, b };
}
