import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '@/app/require-auth';
import type { Me } from '@/features/auth/me';
import { ForecastsPage } from './forecasts-page';
import type { Backtest, Cohort, CohortAnalysis, CourseForecast, ForecastSeries, WeeklyForecasts } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const manager: Me = {
  id: 'm0000000-0000-4000-8000-000000000001',
  email: 'manager@demo.ivy',
  full_name: 'Morgan Manager',
  role: 'manager',
  team: null,
  department: null,
  data_scope: 'department',
  permissions: ['ai_forecasting', 'ai_analytics'],
};
const staff: Me = { ...manager, id: 's1', role: 'staff', permissions: ['ai_lead_scoring'] };

function cohort(key: string, counts: Partial<Cohort>): Cohort {
  return {
    key,
    label: key,
    size: 0,
    open: 0,
    enrolled: 0,
    lost: 0,
    conversion_rate: null,
    median_days_to_enrol: null,
    expected_enrolments: null,
    mean_open_probability: null,
    performance_tier: null,
    ...counts,
  };
}

const COHORTS: CohortAnalysis = {
  group_by: 'course',
  model_id: '4086b7c0-ae35-4121-b421-60ea20069053',
  horizon_days: 365,
  overall_conversion_rate: 0.156,
  suppressed: 2,
  generated_at: '2026-11-24T07:00:00Z',
  cohorts: [
    cohort('BUS-MGT', {
      label: 'BUS-MGT Business Management',
      size: 136,
      open: 33,
      enrolled: 16,
      lost: 87,
      conversion_rate: 16 / 103,
      expected_enrolments: 4.4,
      performance_tier: 'medium',
    }),
    cohort('BUS-MBA', {
      label: 'BUS-MBA MBA',
      size: 37,
      open: 11,
      enrolled: 6,
      lost: 20,
      conversion_rate: 6 / 26,
      expected_enrolments: 0.88,
      performance_tier: 'high',
    }),
  ],
};

const weeks = (count: number, from: string) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 7 * 86_400_000)).map((date) =>
    date.toISOString().slice(0, 10),
  );

function series(metric: ForecastSeries['metric'], perWeek: number, backtest: Partial<Backtest>): ForecastSeries {
  const past = weeks(52, '2025-11-24');
  const ahead = weeks(12, '2026-11-23');
  return {
    metric,
    status: 'ok',
    history: past.map((week_start) => ({ week_start, count: perWeek })),
    forecast: ahead.map((week_start) => ({
      week_start,
      expected: perWeek,
      lower_80: perWeek - 1,
      upper_80: perWeek + 2,
      lower_95: 0,
      upper_95: perWeek + 4,
    })),
    total_expected: perWeek * 12,
    peak_weeks: ['2027-01-11', '2027-01-18', '2027-01-04'],
    backtest: { weeks: 12, mae: 0.7, wape: 0.8, baseline_mae: 0.9, baseline_wape: 1, skill: 0.222, ...backtest },
  };
}

const COURSES: CourseForecast[] = [
  {
    course_id: 'c0000000-0000-4000-8000-000000000001',
    course_code: 'BUS-MBA',
    course_name: 'MBA',
    series: [
      series('enquiries', 2, { mae: 0.527, baseline_mae: 0.333, skill: -0.582 }),
      { metric: 'applications', status: 'insufficient_history', detail: 'Needs 64 weeks of history; has 40' },
    ],
  },
  {
    course_id: 'c0000000-0000-4000-8000-000000000002',
    course_code: 'BUS-MGT',
    course_name: 'Business Management',
    series: [series('enquiries', 4, {}), series('applications', 1, {})],
  },
];

type Call = { url: string; body: { group_by?: string; horizon_weeks?: number } | undefined };

function stubApi(me: Me, overrides: { cohorts?: CohortAnalysis } = {}) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, body });
      if (url === '/auth/me') return Response.json(me);
      if (url === '/ai/ml-models/cohort-analysis') {
        return Response.json({ ...(overrides.cohorts ?? COHORTS), group_by: body.group_by });
      }
      if (url === '/ai/ml-models/time-series-forecast') {
        const answer: WeeklyForecasts = {
          generated_at: '2026-11-24T07:00:00Z',
          horizon_weeks: body.horizon_weeks,
          method: 'seasonal',
          courses: COURSES,
        };
        return Response.json(answer);
      }
      return Response.json({ title: 'Not found', status: 404 }, { status: 404 });
    }),
  );
  // Recharts measures its container; jsdom has no layout, so any size will do.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  return calls;
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/ai/forecasts',
        element: (
          <RequireAuth>
            <ForecastsPage />
          </RequireAuth>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const cellsOf = (row: HTMLElement) =>
  ['cell-size', 'cell-open', 'cell-enrolled', 'cell-conversion', 'cell-expected'].map(
    (id) => within(row).queryByTestId(id)?.textContent ?? null,
  );

describe('Enrolment outlook', () => {
  it('totals the cohorts shown, pooling conversion over people, and says what is hidden and which model', async () => {
    stubApi(manager);
    renderAt('/ai/forecasts');
    const totals = await screen.findByTestId('outlook-totals');
    // 16 + 6 enrolled of 103 + 26 decided is 17%, not the 19% mean of the two rates.
    expect(cellsOf(totals)).toEqual(['173', '44', '22', '17%', '5.3']);
    expect(screen.getAllByTestId('outlook-row').map(cellsOf)).toEqual([
      ['136', '33', '16', '16%', '4.4'],
      ['37', '11', '6', '23%', '0.9'],
    ]);
    expect(screen.getByTestId('suppressed-note').textContent).toContain('2 groups under 10 people are hidden');
    expect(screen.getByTestId('model-link').getAttribute('href')).toBe(
      `/ai/ml-studio?tab=models&model=${COHORTS.model_id}`,
    );
  });

  it('says why there is no expectation when no model is active', async () => {
    stubApi(manager, {
      cohorts: {
        ...COHORTS,
        model_id: null,
        cohorts: COHORTS.cohorts.map((c) => ({ ...c, expected_enrolments: null })),
      },
    });
    renderAt('/ai/forecasts');
    const reason = await screen.findByTestId('no-model');
    expect(reason.textContent).toContain('No model is active');
    expect(reason.getAttribute('rowspan')).toBe('3');
    expect(cellsOf(screen.getByTestId('outlook-totals'))).toEqual(['173', '44', '22', '17%', null]);
    expect(screen.queryByTestId('model-note')).toBeNull();
  });

  it('keeps the grouping in the URL and asks the API for it', async () => {
    const calls = stubApi(manager);
    const router = renderAt('/ai/forecasts');
    await screen.findByTestId('outlook-totals');
    fireEvent.click(screen.getByRole('button', { name: 'Source' }));
    await waitFor(() => expect(router.state.location.search).toContain('group_by=source'));
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/ai/ml-models/cohort-analysis' && c.body?.group_by === 'source')).toBe(true),
    );
    expect(screen.getByRole('button', { name: 'Source' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('Weekly outlook', () => {
  it('opens on the busiest course and states a backtest that beat last year', async () => {
    stubApi(manager);
    renderAt('/ai/forecasts');
    const sentence = await screen.findByTestId('backtest-sentence');
    expect(sentence.textContent).toBe(
      'Over the last 12 weeks this method was off by 0.7 enquiries a week on average; same week last year was off by 0.9: 22% better.',
    );
    expect(screen.getByTestId('expected-sentence').textContent).toBe(
      'Expected next 12 weeks: 48 enquiries (weekly 80% ranges add up to 36–72)',
    );
    expect(screen.getByTestId('peak-sentence').textContent).toBe(
      'Busiest weeks ahead (busiest first): w/c 11 Jan 2027, 18 Jan 2027 and 4 Jan 2027',
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('BUS-MGT Business Management');
  });

  it('says plainly when last year’s numbers did better, and when a series lacks history', async () => {
    stubApi(manager);
    renderAt('/ai/forecasts?course=BUS-MBA&horizon=8');
    const sentence = await screen.findByTestId('backtest-sentence');
    expect(sentence.textContent).toBe(
      'Over the last 12 weeks this method was off by 0.53 enquiries a week on average; same week last year was off ' +
        'by 0.33: this method was 58% worse than simply repeating last year, so treat its numbers with caution here.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Applications' }));
    expect(await screen.findByText('Needs 64 weeks of history; has 40')).toBeTruthy();
    expect(screen.queryByTestId('backtest-sentence')).toBeNull();
  });

  it('asks for the horizon in the URL', async () => {
    const calls = stubApi(manager);
    renderAt('/ai/forecasts?horizon=26');
    await screen.findByTestId('backtest-sentence');
    expect(calls.find((c) => c.url === '/ai/ml-models/time-series-forecast')?.body).toEqual({ horizon_weeks: 26 });
  });
});

describe('Forecasts without ai_analytics', () => {
  it('explains who may see it and asks the API nothing', async () => {
    const calls = stubApi(staff);
    renderAt('/ai/forecasts');
    expect(await screen.findByText('Forecasts are for managers and administrators')).toBeTruthy();
    expect(calls.map((c) => c.url)).toEqual(['/auth/me']);
  });
});
