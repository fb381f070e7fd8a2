import { ParameterError } from '../errors';
import type { Classifier } from '../estimator';
import type { Matrix } from '../matrix';
import { RandomState } from '../random';
import { crossValidate, type Scorer } from './cross-validate';
import type { Fold } from './folds';

export type SearchOptions = {
  folds: readonly Fold[];
  score: Scorer;
  /** Whether a larger score is better (AUC) or worse (log loss). Default true. */
  greaterIsBetter?: boolean;
};

export type SearchCandidate<P> = {
  params: P;
  foldScores: Float64Array;
  meanScore: number;
  /** Population standard deviation over folds. */
  stdScore: number;
  meanFitSeconds: number;
};

export type SearchResult<P> = {
  /** In the order they were tried. */
  candidates: SearchCandidate<P>[];
  bestIndex: number;
  bestParams: P;
  bestScore: number;
};

type GridParams<G> = { [K in keyof G]: G[K] extends readonly (infer V)[] ? V : never };

/** Draws a value from a list (uniformly) or from a function of the search's random stream. */
export type Distribution = readonly unknown[] | ((random: RandomState) => unknown);

type SampledParams<D> = {
  [K in keyof D]: D[K] extends readonly (infer V)[] ? V : D[K] extends (random: RandomState) => infer R ? R : never;
};

/**
 * Cross-validates every combination of the grid's values (the last key varies fastest) and picks the best mean
 * score; ties go to the combination tried first.
 */
export function gridSearch<G extends Record<string, readonly unknown[]>>(
  createEstimator: (params: GridParams<G>) => Classifier,
  grid: G,
  X: Matrix,
  y: ArrayLike<number>,
  options: SearchOptions,
): SearchResult<GridParams<G>> {
  const lists = checkGrid(grid, 'gridSearch');
  const size = gridSize(lists);
  const candidates = Array.from({ length: size }, (_, index) => gridPoint(lists, index) as GridParams<G>);
  return evaluate(createEstimator, candidates, X, y, options);
}

export type RandomSearchOptions = SearchOptions & { nIter?: number; randomState?: number };

/**
 * Cross-validates `nIter` parameter sets drawn from `distributions`. When every distribution is a list, the sets are
 * distinct points of that grid (all of it, in random order, if it has at most `nIter` points), as scikit-learn's
 * ParameterSampler.
 */
export function randomSearch<D extends Record<string, Distribution>>(
  createEstimator: (params: SampledParams<D>) => Classifier,
  distributions: D,
  X: Matrix,
  y: ArrayLike<number>,
  options: RandomSearchOptions,
): SearchResult<SampledParams<D>> {
  const context = 'randomSearch';
  const { nIter = 10, randomState = 0 } = options;
  if (!Number.isInteger(nIter) || nIter < 1) throw new ParameterError(`${context}: nIter must be an integer >= 1`);
  if (!Number.isInteger(randomState)) throw new ParameterError(`${context}: randomState must be an integer`);
  const random = new RandomState(randomState);
  const entries = Object.entries(distributions);
  let candidates: Record<string, unknown>[];
  if (entries.every(([, distribution]) => Array.isArray(distribution))) {
    const lists = checkGrid(distributions as Record<string, readonly unknown[]>, context);
    const size = gridSize(lists);
    candidates = distinctIndices(size, Math.min(nIter, size), random).map((index) => gridPoint(lists, index));
  } else {
    for (const [key, distribution] of entries) {
      if (Array.isArray(distribution) && distribution.length === 0) {
        throw new ParameterError(`${context}: ${key} has no values to draw from`);
      }
    }
    candidates = Array.from({ length: nIter }, () => {
      const params: Record<string, unknown> = {};
      for (const [key, distribution] of entries) {
        params[key] =
          typeof distribution === 'function' ? distribution(random) : distribution[random.int(distribution.length)];
      }
      return params;
    });
  }
  return evaluate(createEstimator, candidates as SampledParams<D>[], X, y, options);
}

function evaluate<P>(
  createEstimator: (params: P) => Classifier,
  candidateParams: readonly P[],
  X: Matrix,
  y: ArrayLike<number>,
  options: SearchOptions,
): SearchResult<P> {
  const { folds, score, greaterIsBetter = true } = options;
  const candidates = candidateParams.map((params) => {
    const result = crossValidate(() => createEstimator(params), X, y, { folds, scoring: { score } });
    let fitSeconds = 0;
    for (const seconds of result.fitSeconds) fitSeconds += seconds;
    return {
      params,
      foldScores: result.scores.score as Float64Array,
      meanScore: result.mean.score as number,
      stdScore: result.std.score as number,
      meanFitSeconds: fitSeconds / folds.length,
    };
  });
  // NaN never wins; strictly better is needed to displace an earlier candidate, so ties keep the first.
  let bestIndex = 0;
  for (let c = 1; c < candidates.length; c++) {
    const best = (candidates[bestIndex] as SearchCandidate<P>).meanScore;
    const challenger = (candidates[c] as SearchCandidate<P>).meanScore;
    const better = greaterIsBetter ? challenger > best : challenger < best;
    if (better || (Number.isNaN(best) && !Number.isNaN(challenger))) bestIndex = c;
  }
  const best = candidates[bestIndex] as SearchCandidate<P>;
  return { candidates, bestIndex, bestParams: best.params, bestScore: best.meanScore };
}

function checkGrid(grid: Record<string, readonly unknown[]>, context: string): [string, readonly unknown[]][] {
  const lists = Object.entries(grid);
  for (const [key, values] of lists) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new ParameterError(`${context}: ${key} must be a non-empty list of values`);
    }
  }
  return lists;
}

function gridSize(lists: readonly [string, readonly unknown[]][]): number {
  return lists.reduce((size, [, values]) => size * values.length, 1);
}

/** The grid point numbered `index` in mixed radix, the last key being the fastest digit. */
function gridPoint(lists: readonly [string, readonly unknown[]][], index: number): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  let rest = index;
  for (let k = lists.length - 1; k >= 0; k--) {
    const [key, values] = lists[k] as [string, readonly unknown[]];
    params[key] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(lists.map(([key]) => [key, params[key]]));
}

/** `k` distinct integers from [0, n) in random order, without allocating n slots when the grid is huge. */
function distinctIndices(n: number, k: number, random: RandomState): number[] {
  if (n <= 1_000_000) return Array.from(random.sampleWithoutReplacement(n, k));
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.floor(random.float() * n));
  return [...chosen];
}
