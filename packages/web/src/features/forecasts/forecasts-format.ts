import type { BadgeTone } from '@/components/ui/badge';
import { formatCount } from '@/lib/format';
import type {
  Backtest,
  Cohort,
  CourseForecast,
  ForecastSeries,
  InsufficientSeries,
  Metric,
  PerformanceTier,
} from './types';

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Weekly errors on small courses are fractions of one: two significant figures keep 0.15 and 0.25 apart.
const errorFormat = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 });
const weekFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const tickFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Expected enrolments are sums of probabilities: one decimal says how soft they are. */
export function formatExpected(value: number): string {
  return oneDecimal.format(value);
}

/** A rate as a whole percentage, "—" when nobody is decided yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** A Monday "2026-01-05" as "5 Jan 2026". */
export function formatWeek(weekStart: string): string {
  return weekFormat.format(new Date(`${weekStart}T00:00:00Z`));
}

/** A Monday as a chart tick, "5 Jan". */
export function formatWeekTick(weekStart: string): string {
  return tickFormat.format(new Date(`${weekStart}T00:00:00Z`));
}

export const TIER_LABELS: Record<PerformanceTier, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const TIER_TONE: Record<PerformanceTier, BadgeTone> = { high: 'success', medium: 'info', low: 'warning' };

export type CohortTotals = {
  size: number;
  open: number;
  enrolled: number;
  lost: number;
  conversion_rate: number | null;
  /** Null when no model is active (every cohort's expectation is null). */
  expected_enrolments: number | null;
};

/** The totals of the cohorts shown; suppressed cohorts are not in the answer, so not in the totals either. */
export function cohortTotals(cohorts: readonly Cohort[]): CohortTotals {
  const sum = (pick: (cohort: Cohort) => number) => cohorts.reduce((total, cohort) => total + pick(cohort), 0);
  const enrolled = sum((c) => c.enrolled);
  const lost = sum((c) => c.lost);
  const withExpectation = cohorts.filter((c) => c.expected_enrolments !== null);
  return {
    size: sum((c) => c.size),
    open: sum((c) => c.open),
    enrolled,
    lost,
    // Pooled over people, not an average of the cohorts' rates, so big cohorts weigh what they should.
    conversion_rate: enrolled + lost > 0 ? enrolled / (enrolled + lost) : null,
    expected_enrolments:
      withExpectation.length > 0 ? withExpectation.reduce((t, c) => t + (c.expected_enrolments ?? 0), 0) : null,
  };
}

const NOUNS: Record<Metric, [string, string]> = {
  enquiries: ['enquiry', 'enquiries'],
  applications: ['application', 'applications'],
};

export const METRIC_LABELS: Record<Metric, string> = { enquiries: 'Enquiries', applications: 'Applications' };

const plural = (metric: Metric, count: number) => NOUNS[metric][count === 1 ? 0 : 1];

/** "Expected next 12 weeks: 42 enquiries (weekly 80% ranges add up to 30–55)". */
export function expectedSentence(series: ForecastSeries): string {
  const weeks = series.forecast.length;
  const total = Math.round(series.total_expected);
  // The API gives ranges per week only; their sums bound the total as if every week missed the same way.
  const lower = series.forecast.reduce((sum, week) => sum + week.lower_80, 0);
  const upper = series.forecast.reduce((sum, week) => sum + week.upper_80, 0);
  return (
    `Expected next ${weeks} ${weeks === 1 ? 'week' : 'weeks'}: ${formatCount(total)} ${plural(series.metric, total)} ` +
    `(weekly 80% ranges add up to ${formatCount(lower)}–${formatCount(upper)})`
  );
}

/** "Busiest weeks ahead (busiest first): w/c 12 Jan 2026, 5 Jan 2026 and 19 Jan 2026". */
export function peakSentence(series: ForecastSeries): string | null {
  const weeks = series.peak_weeks.map(formatWeek);
  if (weeks.length === 0) return null;
  const list = weeks.length === 1 ? weeks[0] : `${weeks.slice(0, -1).join(', ')} and ${weeks.at(-1)}`;
  return weeks.length === 1 ? `Busiest week ahead: w/c ${list}` : `Busiest weeks ahead (busiest first): w/c ${list}`;
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/**
 * The backtest in plain words: how far off the method was on the held-out weeks, against simply repeating the same
 * week last year — saying so when last year's numbers did better.
 */
export function backtestSentence(backtest: Backtest, metric: Metric): string {
  const noun = NOUNS[metric][1];
  const ours = `Over the last ${backtest.weeks} weeks this method was off by ${errorFormat.format(backtest.mae)} ${noun} a week on average`;
  const theirs = `same week last year was off by ${errorFormat.format(backtest.baseline_mae)}`;
  const { skill } = backtest;
  if (skill === null) {
    return `${ours}; same week last year was exact, so there is nothing for this method to beat.`;
  }
  if (Math.round(skill * 100) === 0) return `${ours}; ${theirs}: no better and no worse.`;
  if (skill > 0) return `${ours}; ${theirs}: ${percent(skill)} better.`;
  return (
    `${ours}; ${theirs}: this method was ${percent(-skill)} worse than simply repeating last year, ` +
    'so treat its numbers with caution here.'
  );
}

const isOk = (series: ForecastSeries | InsufficientSeries): series is ForecastSeries => series.status === 'ok';

export function seriesOf(course: CourseForecast, metric: Metric): ForecastSeries | InsufficientSeries | undefined {
  return course.series.find((series) => series.metric === metric);
}

/** The course with the most enquiries over the last year: the one a head of admissions looks at first. */
export function busiestCourse(courses: readonly CourseForecast[]): CourseForecast | undefined {
  let best: CourseForecast | undefined;
  let bestCount = -1;
  for (const course of courses) {
    const series = seriesOf(course, 'enquiries');
    const count = series && isOk(series) ? series.history.reduce((sum, week) => sum + week.count, 0) : 0;
    if (count > bestCount) {
      best = course;
      bestCount = count;
    }
  }
  return best;
}

export type ChartPoint = {
  week_start: string;
  actual?: number;
  expected?: number;
  /** The 80% range, drawn as a band. */
  range_80?: [number, number];
};

/** History and forecast on one weekly axis; the forecast line starts at the last actual week so the two join. */
export function chartPoints(series: ForecastSeries): ChartPoint[] {
  const points: ChartPoint[] = series.history.map((week) => ({ week_start: week.week_start, actual: week.count }));
  const last = points.at(-1);
  if (last?.actual !== undefined) {
    last.expected = last.actual;
    last.range_80 = [last.actual, last.actual];
  }
  for (const week of series.forecast) {
    points.push({
      week_start: week.week_start,
      expected: week.expected,
      range_80: [week.lower_80, week.upper_80],
    });
  }
  return points;
}

/** The chart's text equivalent. */
export function chartSummary(series: ForecastSeries, courseLabel: string): string {
  const noun = NOUNS[series.metric][1];
  const pastTotal = series.history.reduce((sum, week) => sum + week.count, 0);
  const busiest = series.history.reduce<{ week_start: string; count: number } | null>(
    (best, week) => (best === null || week.count > best.count ? week : best),
    null,
  );
  const past =
    `Weekly ${noun} for ${courseLabel}: ${formatCount(pastTotal)} in the last ${series.history.length} weeks` +
    (busiest && busiest.count > 0
      ? `, the most (${formatCount(busiest.count)}) in the week of ${formatWeek(busiest.week_start)}`
      : '');
  const ahead = `${formatExpected(series.total_expected)} expected over the next ${series.forecast.length} weeks, shaded with each week's 80% range`;
  return `${past}; ${ahead}.`;
}
