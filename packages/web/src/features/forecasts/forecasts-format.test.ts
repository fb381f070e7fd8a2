import { describe, expect, it } from 'vitest';
import { backtestSentence, busiestCourse, chartPoints, cohortTotals } from './forecasts-format';
import type { Cohort, CourseForecast, ForecastSeries } from './types';

const backtest = { weeks: 12, wape: null, baseline_wape: null };

describe('backtestSentence', () => {
  it('gives the size of a loss beyond 100% rather than capping it', () => {
    expect(backtestSentence({ ...backtest, mae: 2.5, baseline_mae: 1, skill: -1.5 }, 'applications')).toBe(
      'Over the last 12 weeks this method was off by 2.5 applications a week on average; same week last year was off ' +
        'by 1: this method was 150% worse than simply repeating last year, so treat its numbers with caution here.',
    );
  });

  it('calls a skill that rounds to 0% a draw', () => {
    expect(backtestSentence({ ...backtest, mae: 0.801, baseline_mae: 0.8, skill: -0.001 }, 'enquiries')).toMatch(
      /off by 0\.8: no better and no worse\.$/,
    );
  });

  it('says there is nothing to beat when last year was exact (no skill)', () => {
    expect(backtestSentence({ ...backtest, mae: 0.2, baseline_mae: 0, skill: null }, 'enquiries')).toMatch(
      /same week last year was exact, so there is nothing for this method to beat\.$/,
    );
  });
});

describe('cohortTotals', () => {
  const cohort = (enrolled: number, lost: number, expected: number | null): Cohort => ({
    key: `k${enrolled}`,
    label: 'x',
    size: enrolled + lost + 5,
    open: 5,
    enrolled,
    lost,
    conversion_rate: null,
    median_days_to_enrol: null,
    expected_enrolments: expected,
    mean_open_probability: null,
    performance_tier: null,
  });

  it('has no expectation without a model and no rate before anyone is decided', () => {
    expect(cohortTotals([cohort(0, 0, null), cohort(0, 0, null)])).toEqual({
      size: 10,
      open: 10,
      enrolled: 0,
      lost: 0,
      conversion_rate: null,
      expected_enrolments: null,
    });
  });
});

describe('weekly series', () => {
  const series: ForecastSeries = {
    metric: 'enquiries',
    status: 'ok',
    history: [
      { week_start: '2026-11-09', count: 3 },
      { week_start: '2026-11-16', count: 5 },
    ],
    forecast: [{ week_start: '2026-11-23', expected: 4.5, lower_80: 2, upper_80: 7, lower_95: 1, upper_95: 9 }],
    total_expected: 4.5,
    peak_weeks: ['2026-11-23'],
    backtest: { ...backtest, mae: 1, baseline_mae: 1, skill: 0 },
  };

  it('joins the forecast line and band to the last actual week', () => {
    expect(chartPoints(series)).toEqual([
      { week_start: '2026-11-09', actual: 3 },
      { week_start: '2026-11-16', actual: 5, expected: 5, range_80: [5, 5] },
      { week_start: '2026-11-23', expected: 4.5, range_80: [2, 7] },
    ]);
  });

  it('picks the course with the most enquiries, whatever the order', () => {
    const course = (code: string, count: number): CourseForecast => ({
      course_id: code,
      course_code: code,
      course_name: code,
      series: [{ ...series, history: [{ week_start: '2026-11-16', count }] }],
    });
    const insufficient: CourseForecast = {
      course_id: 'N',
      course_code: 'N',
      course_name: 'N',
      series: [{ metric: 'enquiries', status: 'insufficient_history', detail: 'too new' }],
    };
    expect(busiestCourse([insufficient, course('A', 4), course('B', 9), course('C', 2)])?.course_code).toBe('B');
  });
});
