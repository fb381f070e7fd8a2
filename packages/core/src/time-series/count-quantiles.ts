/*
 * Quantiles of a weekly count around its expected value. Counts of enquiries are Poisson when the expected value is
 * right; a forecast's expected value is itself uncertain, which a negative binomial (variance μ + cμ²) adds on top.
 */

/** Above this expected count the exact sums underflow; the normal approximation is then as good as exact. */
const NORMAL_APPROXIMATION_FROM = 500;

/** z for the normal approximation, at the probabilities the forecast asks for. */
function normalQuantile(probability: number): number {
  // Acklam's rational approximation (relative error below 1.2e-9): no table, no dependency.
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ] as const;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ] as const;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (probability < 0.02425) return tail(Math.sqrt(-2 * Math.log(probability)));
  if (probability > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - probability)));
  const q = probability - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The smallest counts k with P(count ≤ k) ≥ p, for each p in `probabilities` (ascending), when the count has mean
 * `mean` and variance `mean + dispersion · mean²` (Poisson when `dispersion` is 0). Never negative.
 */
export function countQuantiles(mean: number, dispersion: number, probabilities: readonly number[]): number[] {
  if (!(mean > 0)) return probabilities.map(() => 0);
  if (mean > NORMAL_APPROXIMATION_FROM) {
    const sd = Math.sqrt(mean + dispersion * mean * mean);
    return probabilities.map((p) => Math.max(0, Math.round(mean + normalQuantile(p) * sd)));
  }
  const size = dispersion > 0 ? 1 / dispersion : Number.POSITIVE_INFINITY;
  const odds = Number.isFinite(size) ? mean / (size + mean) : 0;
  let pmf = Number.isFinite(size) ? Math.exp(size * Math.log(size / (size + mean))) : Math.exp(-mean);
  let cdf = pmf;
  let k = 0;
  const quantiles: number[] = [];
  for (const p of probabilities) {
    // Rounding in the running sum must not keep an upper quantile from ever being reached.
    while (cdf < p - 1e-12) {
      pmf *= Number.isFinite(size) ? ((k + size) / (k + 1)) * odds : mean / (k + 1);
      cdf += pmf;
      k += 1;
    }
    quantiles.push(k);
  }
  return quantiles;
}
