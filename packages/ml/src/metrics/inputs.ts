import { MlInputError } from '../errors';

/** Two vectors that a metric compares element by element: same non-zero length, no NaN. */
export function checkPair(yTrue: ArrayLike<number>, values: ArrayLike<number>, context: string, name: string): void {
  if (yTrue.length !== values.length) {
    throw new MlInputError(`${context}: yTrue has ${yTrue.length} values but ${name} has ${values.length}`);
  }
  if (yTrue.length === 0) throw new MlInputError(`${context}: no samples`);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new MlInputError(`${context}: ${name}[${i}] is NaN`);
  }
}

/** Binary labels must be exactly 0 or 1 so that "positive" is never guessed from other encodings. */
export function checkBinaryTargets(yTrue: ArrayLike<number>, context: string): void {
  for (let i = 0; i < yTrue.length; i++) {
    const label = yTrue[i];
    if (label !== 0 && label !== 1) {
      throw new MlInputError(`${context}: yTrue[${i}] is ${label}; labels must be 0 or 1`);
    }
  }
}

export function checkFiniteTargets(values: ArrayLike<number>, context: string, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new MlInputError(`${context}: ${name}[${i}] is ${values[i]}`);
  }
}

export function checkProbabilities(p: ArrayLike<number>, context: string): void {
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    if (!(value >= 0 && value <= 1)) throw new MlInputError(`${context}: p[${i}] is ${value}; expected [0, 1]`);
  }
}

export function checkScores(scores: ArrayLike<number>, context: string): void {
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new MlInputError(`${context}: scores[${i}] is ${scores[i]}`);
  }
}

/** Weights default to 1; given ones must be finite, >= 0, and not all zero. */
export function weightsOrOnes(weight: ArrayLike<number> | undefined, n: number, context: string): Float64Array {
  if (weight === undefined) return new Float64Array(n).fill(1);
  if (weight.length !== n) throw new MlInputError(`${context}: sampleWeight has ${weight.length} values for ${n}`);
  const out = Float64Array.from(weight);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = out[i] as number;
    if (!Number.isFinite(w) || w < 0) {
      throw new MlInputError(`${context}: sampleWeight[${i}] is ${w}; weights must be finite and >= 0`);
    }
    total += w;
  }
  if (total <= 0) throw new MlInputError(`${context}: sampleWeight sums to 0`);
  return out;
}

/** Σ w·v / Σ w, as numpy's `np.average(values, weights=w)`. */
export function weightedMean(values: Float64Array, weight: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weight[i] as number;
    sum += w * (values[i] as number);
    total += w;
  }
  return sum / total;
}
