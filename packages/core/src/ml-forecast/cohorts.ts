import { type PerformanceTier, performanceTier } from './forecast-context';

export const COHORT_DIMENSIONS = ['source', 'course', 'course_level', 'campus', 'enquiry_month'] as const;
export type CohortDimension = (typeof COHORT_DIMENSIONS)[number];

export type CohortCounts = {
  key: string;
  label: string;
  size: number;
  open: number;
  enrolled: number;
  lost: number;
  /** Median days from enquiry to enrolment of the cohort's enrolments; null without any. */
  median_days_to_enrol: number | null;
};

export type CohortSummary = CohortCounts & {
  /** Enrolled of decided; null before anyone in the cohort is decided. */
  conversion_rate: number | null;
  /** The active model's expected enrolments among the open leads (sum of their probabilities). */
  expected_enrolments: number | null;
  mean_open_probability: number | null;
  /** The cohort's conversion rate against all cohorts'; null when its rate is unknown. */
  performance_tier: PerformanceTier | null;
};

/**
 * Cohorts with their rates and the model's expectations; cohorts smaller than `minSize` are counted in `suppressed`
 * and left out, so a small group's outcome cannot be traced to the people in it.
 */
export function summariseCohorts(
  counts: readonly CohortCounts[],
  openProbabilities: ReadonlyMap<string, readonly number[]> | null,
  minSize: number,
): { cohorts: CohortSummary[]; overall_conversion_rate: number | null; suppressed: number } {
  const decided = counts.reduce((sum, c) => sum + c.enrolled + c.lost, 0);
  const enrolled = counts.reduce((sum, c) => sum + c.enrolled, 0);
  const overall = decided > 0 ? enrolled / decided : null;
  const shown = counts.filter((c) => c.size >= minSize);
  const cohorts = shown.map((c): CohortSummary => {
    const rate = c.enrolled + c.lost > 0 ? c.enrolled / (c.enrolled + c.lost) : null;
    const probabilities = openProbabilities ? (openProbabilities.get(c.key) ?? []) : null;
    const expected = probabilities ? probabilities.reduce((sum, p) => sum + p, 0) : null;
    return {
      ...c,
      conversion_rate: rate,
      expected_enrolments: expected,
      mean_open_probability:
        probabilities && expected !== null && probabilities.length > 0 ? expected / probabilities.length : null,
      performance_tier: rate !== null && overall !== null ? performanceTier(rate, overall) : null,
    };
  });
  return { cohorts, overall_conversion_rate: overall, suppressed: counts.length - shown.length };
}
