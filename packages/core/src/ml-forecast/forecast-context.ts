/** Days from entering a stage to enrolling, counted over enrolled leads: `count` leads took `days` whole days. */
export type DurationCount = { days: number; count: number };

/** Fewer enrolments than this say too little about timing to estimate an ETA. */
export const MIN_TIMING_SAMPLE = 20;

export type RemainingTime = {
  /** Of leads like this that enrol within the model's horizon, the share that enrol within `horizonDays`. */
  share_within_horizon: number;
  /** Median days left before enrolling, for leads like this that do enrol. */
  median_days: number;
  sample_size: number;
};

/**
 * When a lead that has spent `daysInStage` days in its stage will enrol, if it does: the empirical distribution of
 * stage-to-enrolment times of past enrolments, conditioned on having already waited `daysInStage` days and on
 * enrolling within the model's horizon (what its probability means). Null when too few past enrolments qualify.
 */
export function remainingTime(
  durations: readonly DurationCount[],
  {
    daysInStage,
    horizonDays,
    modelHorizonDays,
  }: { daysInStage: number; horizonDays: number; modelHorizonDays: number },
): RemainingTime | null {
  const waited = Math.floor(daysInStage);
  const remaining = durations
    .filter((d) => d.days >= waited && d.days - waited <= modelHorizonDays && d.count > 0)
    .map((d) => ({ days: d.days - waited, count: d.count }))
    .sort((a, b) => a.days - b.days);
  const total = remaining.reduce((sum, d) => sum + d.count, 0);
  if (total < MIN_TIMING_SAMPLE) return null;
  let seen = 0;
  let median = remaining.at(-1)?.days ?? 0;
  for (const d of remaining) {
    seen += d.count;
    if (seen >= total / 2) {
      median = d.days;
      break;
    }
  }
  const within = remaining.filter((d) => d.days <= horizonDays).reduce((sum, d) => sum + d.count, 0);
  return { share_within_horizon: within / total, median_days: median, sample_size: total };
}

export const PERFORMANCE_TIERS = ['high', 'medium', 'low'] as const;
export type PerformanceTier = (typeof PERFORMANCE_TIERS)[number];

/** A lead's probability against its cohort's conversion rate: a fifth above or below counts as a difference. */
export function performanceTier(probability: number, cohortRate: number): PerformanceTier {
  if (cohortRate <= 0) return probability > 0 ? 'high' : 'medium';
  const ratio = probability / cohortRate;
  return ratio >= 1.2 ? 'high' : ratio <= 0.8 ? 'low' : 'medium';
}

/** Enquiries in one calendar month (1–12), averaged over the years observed. */
export type MonthlyVolume = { month: number; average: number };

export type SeasonalFactors = {
  /** This month's volume relative to an average month (1 = average). */
  current_month_factor: number;
  /** The busiest month (1–12) of the coming twelve, starting with this one. */
  next_peak_month: number;
};

/** Null when there is no history to compare months with. */
export function seasonalFactors(volumes: readonly MonthlyVolume[], now: Date): SeasonalFactors | null {
  const byMonth = new Map(volumes.map((v) => [v.month, v.average]));
  const mean = Array.from({ length: 12 }, (_, i) => byMonth.get(i + 1) ?? 0).reduce((sum, v) => sum + v, 0) / 12;
  if (mean <= 0) return null;
  const current = now.getUTCMonth() + 1;
  let peak = current;
  for (let step = 1; step < 12; step++) {
    const month = ((current - 1 + step) % 12) + 1;
    if ((byMonth.get(month) ?? 0) > (byMonth.get(peak) ?? 0)) peak = month;
  }
  return { current_month_factor: (byMonth.get(current) ?? 0) / mean, next_peak_month: peak };
}
