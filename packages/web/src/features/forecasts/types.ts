/** The cohort groupings the page offers (enquiry month is left to the API: it is not an outlook). */
export const GROUPINGS = ['course', 'source', 'campus', 'course_level'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const GROUPING_LABELS: Record<Grouping, string> = {
  course: 'Course',
  source: 'Source',
  campus: 'Campus',
  course_level: 'Level',
};

export type PerformanceTier = 'high' | 'medium' | 'low';

/** One cohort of POST /ai/ml-models/cohort-analysis. */
export type Cohort = {
  key: string;
  label: string;
  size: number;
  open: number;
  enrolled: number;
  lost: number;
  conversion_rate: number | null;
  median_days_to_enrol: number | null;
  expected_enrolments: number | null;
  mean_open_probability: number | null;
  performance_tier: PerformanceTier | null;
};

export type CohortAnalysis = {
  group_by: Grouping;
  model_id: string | null;
  horizon_days: number;
  overall_conversion_rate: number | null;
  cohorts: Cohort[];
  suppressed: number;
  generated_at: string;
};

export const METRICS = ['enquiries', 'applications'] as const;
export type Metric = (typeof METRICS)[number];

export const HORIZONS = [4, 8, 12, 26] as const;
export const DEFAULT_HORIZON = 12;

export type HistoryWeek = { week_start: string; count: number };

export type ForecastWeek = {
  week_start: string;
  expected: number;
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
};

export type Backtest = {
  weeks: number;
  mae: number;
  wape: number | null;
  baseline_mae: number;
  baseline_wape: number | null;
  skill: number | null;
};

export type ForecastSeries = {
  metric: Metric;
  status: 'ok';
  history: HistoryWeek[];
  forecast: ForecastWeek[];
  total_expected: number;
  peak_weeks: string[];
  backtest: Backtest;
};

export type InsufficientSeries = { metric: Metric; status: 'insufficient_history'; detail: string };

export type CourseForecast = {
  course_id: string;
  course_code: string;
  course_name: string;
  series: (ForecastSeries | InsufficientSeries)[];
};

/** POST /ai/ml-models/time-series-forecast. */
export type WeeklyForecasts = {
  generated_at: string;
  horizon_weeks: number;
  method: string;
  courses: CourseForecast[];
};
