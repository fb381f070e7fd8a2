import { solveSymmetricPositiveDefinite } from './cholesky';
import { dot, maxAbs, type SolverOptions, type SolverResult } from './convergence';
import type { LogisticObjective } from './logistic-objective';
import { strongWolfeLineSearch } from './wolfe-line-search';

/**
 * Newton's method with the exact Hessian, solved by Cholesky, and a Wolfe line search that nearly always accepts
 * the full step. Each iteration costs O(n·p²) for the Hessian, so it suits up to a few hundred features; it
 * converges quadratically, which makes tight coefficients cheap. Minimises in place from `params`.
 */
export function minimizeNewton(
  objective: LogisticObjective,
  params: Float64Array,
  { maxIter, relativeTolerance }: SolverOptions,
): SolverResult {
  const gradient = new Float64Array(objective.nParams);
  const lineValues = (alpha: number, out: Float64Array) => objective.lineValueAndSlope(alpha, out);
  objective.setParams(params);
  objective.gradient(params, gradient);
  const tolerance = relativeTolerance * maxAbs(gradient);
  for (let iteration = 0; iteration < maxIter; iteration++) {
    if (maxAbs(gradient) <= tolerance) return { nIter: iteration, converged: true };
    const hessian = objective.hessian();
    const negative = gradient.map((g) => -g);
    const direction = solveSymmetricPositiveDefinite(hessian, objective.nParams, negative);
    const slope0 = dot(gradient, direction);
    if (!(slope0 < 0)) return { nIter: iteration, converged: false };
    objective.setDirection(params, direction);
    const alpha = strongWolfeLineSearch(lineValues, slope0, 1);
    if (alpha === 0) return { nIter: iteration, converged: false };
    for (let k = 0; k < params.length; k++) params[k] = (params[k] as number) + alpha * (direction[k] as number);
    objective.moveAlong(alpha);
    objective.gradient(params, gradient);
  }
  return { nIter: maxIter, converged: maxAbs(gradient) <= tolerance };
}
