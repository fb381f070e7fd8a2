export type SolverOptions = {
  maxIter: number;
  /** Stop once the largest gradient component is this fraction of the largest one at the start. */
  relativeTolerance: number;
};

export type SolverResult = { nIter: number; converged: boolean };

export function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] as number));
  return largest;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
