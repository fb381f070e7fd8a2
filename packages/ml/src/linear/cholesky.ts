import { MlInputError } from '../errors';

/**
 * Solves A·x = b for a symmetric positive definite `matrix` (row-major n × n, only the lower triangle is read) by
 * Cholesky factorisation. A matrix that is not numerically positive definite — a logistic Hessian whose intercept
 * curvature has underflowed — gets a growing ridge on its diagonal until it factors, which turns the Newton step
 * into a damped one instead of failing.
 */
export function solveSymmetricPositiveDefinite(matrix: Float64Array, n: number, b: Float64Array): Float64Array {
  let largestDiagonal = 0;
  for (let i = 0; i < n; i++) largestDiagonal = Math.max(largestDiagonal, Math.abs(matrix[i * n + i] as number));
  for (let ridge = 0; Number.isFinite(ridge); ridge = ridge === 0 ? 1e-12 * Math.max(largestDiagonal, 1) : ridge * 10) {
    const factor = choleskyFactor(matrix, n, ridge);
    if (factor) return choleskySolve(factor, n, b);
  }
  throw new MlInputError('the Hessian is not finite: features are too large, scale them first (StandardScaler)');
}

/** Lower-triangular L with L·Lᵀ = A + ridge·I, or null when a pivot is not positive. */
export function choleskyFactor(matrix: Float64Array, n: number, ridge = 0): Float64Array | null {
  const factor = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      if (i === j) sum += ridge;
      for (let k = 0; k < j; k++) sum -= (factor[i * n + k] as number) * (factor[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        factor[i * n + i] = Math.sqrt(sum);
      } else {
        factor[i * n + j] = sum / (factor[j * n + j] as number);
      }
    }
  }
  return factor;
}

/** x with L·Lᵀ·x = b, by forward then backward substitution. */
export function choleskySolve(factor: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i] as number;
    for (let k = 0; k < i; k++) sum -= (factor[i * n + k] as number) * (x[k] as number);
    x[i] = sum / (factor[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (factor[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (factor[i * n + i] as number);
  }
  return x;
}
