import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  axeProblems,
  DEMO_PASSWORD,
  type IvyPage,
  openIvyPage,
  SCREENSHOTS,
  sessionCookieOf,
  signIn,
} from './support/browser';

const MANAGER = { email: 'manager@demo.ivy', password: DEMO_PASSWORD };
const STAFF = { email: 'staff@demo.ivy', password: DEMO_PASSWORD };

type Cohort = {
  key: string;
  size: number;
  open: number;
  enrolled: number;
  conversion_rate: number | null;
  expected_enrolments: number | null;
};
type CohortAnalysis = { model_id: string | null; cohorts: Cohort[]; suppressed: number };
type Backtest = { weeks: number; mae: number; baseline_mae: number; skill: number | null };
type Series =
  | {
      metric: string;
      status: 'ok';
      history: unknown[];
      forecast: { lower_80: number; upper_80: number }[];
      total_expected: number;
      backtest: Backtest;
    }
  | { metric: string; status: 'insufficient_history' };
type WeeklyForecasts = { courses: { course_code: string; course_name: string; series: Series[] }[] };

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sessionCookie = '';
let pageErrors: string[] = [];

const api = <T>(path: string, body?: unknown) => apiCall<T>(ivy.url, sessionCookie, path, body);
const count = new Intl.NumberFormat('en-GB');
const twoFigures = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 });

/** A table row's figures as the API gives them, formatted as the page promises to. */
const expectedCells = (cohort: Cohort) => [
  count.format(cohort.size),
  count.format(cohort.open),
  count.format(cohort.enrolled),
  cohort.conversion_rate === null ? '—' : `${Math.round(cohort.conversion_rate * 100)}%`,
  cohort.expected_enrolments === null ? '—' : cohort.expected_enrolments.toFixed(1),
];

async function rowCells(row: ReturnType<Page['getByTestId']>) {
  return Promise.all(
    ['cell-size', 'cell-open', 'cell-enrolled', 'cell-conversion', 'cell-expected'].map((id) =>
      row.getByTestId(id).textContent(),
    ),
  );
}

beforeAll(async () => {
  ({ ivy, browser, context, page, pageErrors } = await openIvyPage());
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await ivy?.close();
});

describe('Forecasts as a manager', () => {
  it('opens from the AI navigation with the course outlook the API gives', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, MANAGER);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecasts' }).click();
    await page.waitForURL((url) => url.pathname === '/ai/forecasts');
    const rows = page.getByTestId('outlook-row');
    await rows.first().waitFor({ state: 'visible' });

    const analysis = await api<CohortAnalysis>('/ai/ml-models/cohort-analysis', { group_by: 'course' });
    expect(analysis.model_id).not.toBeNull();
    expect(analysis.cohorts.length).toBeGreaterThan(1);
    expect(await rows.count()).toBe(analysis.cohorts.length);
    for (const [i, cohort] of analysis.cohorts.entries()) {
      expect(await rows.nth(i).getAttribute('data-key')).toBe(cohort.key);
      expect(await rowCells(rows.nth(i))).toEqual(expectedCells(cohort));
    }
    const sum = (pick: (c: Cohort) => number) => analysis.cohorts.reduce((total, c) => total + pick(c), 0);
    expect(await page.getByTestId('outlook-totals').getByTestId('cell-open').textContent()).toBe(
      count.format(sum((c) => c.open)),
    );
    expect(await page.getByTestId('outlook-totals').getByTestId('cell-expected').textContent()).toBe(
      sum((c) => c.expected_enrolments ?? 0).toFixed(1),
    );
    expect(await page.getByTestId('model-link').getAttribute('href')).toBe(
      `/ai/ml-studio?tab=models&model=${analysis.model_id}`,
    );
  });

  it('switches the grouping, keeping it in the URL', async () => {
    await page.getByRole('button', { name: 'Source', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('group_by') === 'source');
    const analysis = await api<CohortAnalysis>('/ai/ml-models/cohort-analysis', { group_by: 'source' });
    const rows = page.getByTestId('outlook-row');
    await page.locator(`[data-testid=outlook-row][data-key="${analysis.cohorts[0]?.key}"]`).waitFor();
    expect(await rows.count()).toBe(analysis.cohorts.length);
    for (const [i, cohort] of analysis.cohorts.entries()) {
      expect(await rowCells(rows.nth(i))).toEqual(expectedCells(cohort));
    }
    await page.reload();
    await rows.first().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Source', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a chosen course’s weekly chart and states its backtest as the API measured it', async () => {
    const { courses } = await api<WeeklyForecasts>('/ai/ml-models/time-series-forecast', { horizon_weeks: 12 });
    // The last course by code: not the busiest one the page opens on (unless there is only one).
    const course = [...courses].sort((a, b) => a.course_code.localeCompare(b.course_code)).at(-1);
    if (!course) throw new Error('no course to forecast');
    const enquiries = course.series.find((s) => s.metric === 'enquiries');
    if (enquiries?.status !== 'ok') throw new Error(`${course.course_code} has no enquiry forecast`);

    await page.getByTestId('weekly-series').waitFor({ state: 'visible' });
    await page.getByLabel('Course').click();
    await page.getByRole('option', { name: `${course.course_code} ${course.course_name}` }).click();
    await page.waitForURL((url) => url.searchParams.get('course') === course.course_code);

    const chart = page.getByTestId('weekly-chart');
    await chart.locator('.recharts-line-curve').first().waitFor({ state: 'visible' });
    // History and forecast lines, the 80% band, and the line where the forecast starts.
    expect(await chart.locator('.recharts-line-curve').count()).toBe(2);
    expect(await chart.locator('.recharts-area-area').count()).toBe(1);
    expect(await chart.locator('.recharts-reference-line').count()).toBe(1);
    expect(await chart.getByRole('img').first().getAttribute('aria-label')).toContain(
      `${course.course_code} ${course.course_name}`,
    );

    const { backtest } = enquiries;
    const sentence = await page.getByTestId('backtest-sentence').textContent();
    expect(sentence).toContain(
      `Over the last ${backtest.weeks} weeks this method was off by ${twoFigures.format(backtest.mae)} enquiries a week`,
    );
    expect(sentence).toContain(`same week last year was off by ${twoFigures.format(backtest.baseline_mae)}`);
    if (backtest.skill !== null && Math.round(backtest.skill * 100) !== 0) {
      expect(sentence).toContain(
        backtest.skill > 0
          ? `${Math.round(backtest.skill * 100)}% better.`
          : `${Math.round(-backtest.skill * 100)}% worse than simply repeating last year`,
      );
    }
    const lower = enquiries.forecast.reduce((s, w) => s + w.lower_80, 0);
    const upper = enquiries.forecast.reduce((s, w) => s + w.upper_80, 0);
    expect(await page.getByTestId('expected-sentence').textContent()).toBe(
      `Expected next 12 weeks: ${Math.round(enquiries.total_expected)} enquiries ` +
        `(weekly 80% ranges add up to ${lower}–${upper})`,
    );

    await page.getByRole('button', { name: 'Applications', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('metric') === 'applications');
    await page.locator('[data-testid=weekly-series][data-metric=applications]').waitFor({ state: 'visible' });

    await page.getByRole('button', { name: 'Course', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('group_by') === 'course');
    await page.getByTestId('outlook-row').first().waitFor({ state: 'visible' });
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-forecasts.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('forecasts further ahead when asked', async () => {
    await page.getByLabel('Weeks ahead').click();
    await page.getByRole('option', { name: '26 weeks' }).click();
    await page.waitForURL((url) => url.searchParams.get('horizon') === '26');
    await page.getByText('Expected next 26 weeks').waitFor({ state: 'visible' });
  });
});

describe('Forecasts as staff', () => {
  it('is not in the navigation', async () => {
    const staffContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    try {
      const staffPage = await staffContext.newPage();
      await staffPage.goto(`${ivy.url}/leads`);
      await staffPage.waitForURL((url) => url.pathname === '/sign-in');
      await signIn(staffPage, STAFF);
      await staffPage.waitForURL((url) => url.pathname === '/leads');
      const nav = staffPage.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Leads' }).waitFor({ state: 'visible' });
      expect(await nav.getByRole('link', { name: 'Forecasts' }).count()).toBe(0);
    } finally {
      await staffContext.close();
    }
  });
});
