/**
 * φ along a search line: writes [φ(α) − φ(0), φ'(α)] into `out`. Called once per trial step, never per row.
 */
export type LineFunction = (alpha: number, out: Float64Array) => void;

export type LineSearchOptions = {
  /** Sufficient-decrease constant. */
  c1?: number;
  /** Curvature constant: 0.9 is the usual choice for quasi-Newton and Newton directions. */
  c2?: number;
  maxEvaluations?: number;
};

type Point = { alpha: number; value: number; slope: number };

/**
 * A step α satisfying the strong Wolfe conditions φ(α) ≤ φ(0) + c1·α·φ'(0) and |φ'(α)| ≤ c2·|φ'(0)|, by bracketing
 * and safeguarded cubic interpolation (Nocedal & Wright, Algorithms 3.5 and 3.6). `slope0` must be negative.
 * Returns 0 when no step decreases φ (the direction is useless or the optimum is reached to rounding); when the
 * evaluations run out it returns the best step found that satisfies sufficient decrease.
 */
export function strongWolfeLineSearch(
  line: LineFunction,
  slope0: number,
  initialStep: number,
  { c1 = 1e-4, c2 = 0.9, maxEvaluations = 40 }: LineSearchOptions = {},
): number {
  const out = new Float64Array(2);
  const evaluate = (alpha: number): Point => {
    line(alpha, out);
    return { alpha, value: out[0] as number, slope: out[1] as number };
  };
  const sufficientDecrease = (point: Point) => Number.isFinite(point.value) && point.value <= c1 * point.alpha * slope0;
  const curvatureHolds = (point: Point) => Math.abs(point.slope) <= -c2 * slope0;

  let previous: Point = { alpha: 0, value: 0, slope: slope0 };
  let alpha = initialStep;
  let evaluations = 0;
  while (evaluations < maxEvaluations) {
    const current = evaluate(alpha);
    evaluations++;
    if (!sufficientDecrease(current) || (evaluations > 1 && current.value >= previous.value)) {
      return zoom(previous, current);
    }
    if (curvatureHolds(current)) return current.alpha;
    if (current.slope >= 0) return zoom(current, previous);
    previous = current;
    alpha *= 4;
  }
  return previous.alpha;

  /** `low` satisfies sufficient decrease and has the lowest value seen; the minimiser lies between low and high. */
  function zoom(low: Point, high: Point): number {
    while (evaluations < maxEvaluations) {
      const width = Math.abs(high.alpha - low.alpha);
      if (width <= 1e-16 * Math.max(low.alpha, high.alpha)) break;
      const current = evaluate(interpolate(low, high));
      evaluations++;
      if (!sufficientDecrease(current) || current.value >= low.value) {
        high = current;
      } else {
        if (curvatureHolds(current)) return current.alpha;
        if (current.slope * (high.alpha - low.alpha) >= 0) high = low;
        low = current;
      }
    }
    return low.alpha;
  }
}

/** The minimiser of the cubic through both points, kept 10% inside the interval; bisection when that fails. */
function interpolate(a: Point, b: Point): number {
  const low = Math.min(a.alpha, b.alpha);
  const high = Math.max(a.alpha, b.alpha);
  const midpoint = 0.5 * (low + high);
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value) || !Number.isFinite(b.slope)) return midpoint;
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.alpha - b.alpha);
  const discriminant = d1 * d1 - a.slope * b.slope;
  if (discriminant < 0) return midpoint;
  const d2 = Math.sign(b.alpha - a.alpha) * Math.sqrt(discriminant);
  const step = b.alpha - ((b.alpha - a.alpha) * (b.slope + d2 - d1)) / (b.slope - a.slope + 2 * d2);
  const margin = 0.1 * (high - low);
  if (!Number.isFinite(step) || step < low + margin || step > high - margin) return midpoint;
  return step;
}
