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

const STAFF = { email: 'staff@demo.ivy', password: DEMO_PASSWORD };

type LeadPage = { items: { id: string }[]; total: number };
type Prediction = {
  lead_id: string;
  prediction: 'will_convert' | 'will_not_convert' | null;
  probability: number | null;
  confidence_interval: { lower: number; upper: number } | null;
};
type Health = { status: string; active_model: { algorithm: string; cv_roc_auc: number } | null };

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sessionCookie = '';
let pageErrors: string[] = [];
/** The lead ids of every predict-batch call the browser makes. */
const batches: string[][] = [];

const api = <T>(path: string, body?: unknown) => apiCall<T>(ivy.url, sessionCookie, path, body);

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

beforeAll(async () => {
  ({ ivy, browser, context, page, pageErrors } = await openIvyPage());
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/ai/leads/predict-batch') {
      batches.push((JSON.parse(request.postData() ?? '{}') as { lead_ids: string[] }).lead_ids);
    }
  });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await ivy?.close();
});

describe('ML predictions in the Leads table', () => {
  it('signs in as an admissions officer, with a trained model', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, STAFF);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);
    const health = await api<Health>('/ai/advanced-ml/health');
    expect(health.status).toBe('ready');
  });

  it('shows Prediction, Probability and Confidence after Score, predicted in one batch for the page', async () => {
    const table = page.locator('table[aria-label=Leads]');
    await page.getByTestId('ml-probability').first().waitFor({ state: 'visible' });
    const headers = (await table.locator('thead th').allTextContents()).slice(0, 5);
    expect(headers.map((text) => text.replace(/, sort.*$/, ''))).toEqual([
      'Name',
      'Score',
      'Prediction',
      'Probability',
      'Confidence',
    ]);
    expect(await page.getByTestId('ml-cell-loading').count()).toBe(0);

    const firstPage = await api<LeadPage>('/people/leads?limit=50');
    expect(batches).toEqual([firstPage.items.map((lead) => lead.id)]);
    const { predictions } = await api<{ predictions: Prediction[] }>('/ai/leads/predict-batch', {
      lead_ids: firstPage.items.map((lead) => lead.id),
    });
    const health = await api<Health>('/ai/advanced-ml/health');
    expect(await page.getByTestId('ml-status').textContent()).toContain(
      `CV ROC AUC ${health.active_model?.cv_roc_auc.toFixed(2)}`,
    );

    // Every visible row shows the API's answer for its lead.
    const rows = table.locator('tbody tr[data-index]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const id = ((await row.getByRole('link').first().getAttribute('href')) ?? '').split('/').at(-1);
      const prediction = predictions.find((p) => p.lead_id === id);
      expect(prediction, id).toBeDefined();
      const cells = await row.locator('td').allTextContents();
      if (prediction?.probability == null) {
        expect(cells[2]).toBe('Decided');
      } else {
        expect(cells[2]).toBe(prediction.prediction === 'will_convert' ? 'Will enrol' : 'Unlikely');
        expect(cells[3]).toBe(percent(prediction.probability));
        const interval = prediction.confidence_interval;
        expect(await row.getByTestId('ml-confidence').getAttribute('title')).toBe(
          `95% interval: ${percent(interval?.lower ?? -1)}–${percent(interval?.upper ?? -1)}`,
        );
      }
    }
    // Only the stages are badges: the prediction is styled like one but is not.
    const stages = await table.locator('tbody [data-slot=badge]').allTextContents();
    expect(stages.length).toBe(count);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-leads-ml.png` });
  });

  it('predicts the page again on "Refresh ML"', async () => {
    const before = batches.length;
    await page.getByRole('button', { name: 'Refresh ML' }).click();
    await expect.poll(() => batches.length).toBe(before + 1);
    await page.getByTestId('ml-probability').first().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Refresh ML' }).isEnabled()).toBe(true);
    expect(await axeProblems(browser, page)).toEqual([]);
  });
});

describe('The ML forecast on the Lead page', () => {
  it('shows the probability the API gives, its interval, drivers, timing, similar leads and model', async () => {
    const firstPage = await api<LeadPage>('/people/leads?limit=50');
    const { predictions } = await api<{ predictions: Prediction[] }>('/ai/leads/predict-batch', {
      lead_ids: firstPage.items.map((lead) => lead.id),
    });
    const open = predictions.find((p) => p.probability !== null);
    if (!open?.probability || !open.confidence_interval) throw new Error('no open lead on the first page');

    await page.goto(`${ivy.url}/leads/${open.lead_id}`);
    const card = page.getByTestId('ml-forecast');
    await card.getByTestId('ml-forecast-probability').waitFor({ state: 'visible' });
    expect(await card.getByTestId('ml-forecast-probability').textContent()).toBe(percent(open.probability));
    expect(await card.getByText(/^95% interval:/).textContent()).toBe(
      `95% interval: ${percent(open.confidence_interval.lower)}–${percent(open.confidence_interval.upper)}`,
    );
    expect(await card.getByTestId('ml-drivers').getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('ml-drivers').textContent()).not.toMatch(/log_|_/);
    expect(await card.getByTestId('ml-forecast-model').textContent()).toMatch(/CV ROC AUC \d\.\d\d$/);

    // Timing and cohort come from the forecast endpoint, for the same model.
    const forecast = await api<{
      conversion_probability: number;
      eta_days: number | null;
      cohort_performance: { cohort_size: number; similar_leads_conversion_rate: number } | null;
    }>('/ai/ml-models/forecast', { lead_id: open.lead_id, forecast_horizon_days: 90 });
    const timing = await card.getByTestId('ml-forecast-timing').textContent();
    expect(timing).toContain(`Within 90 days${percent(forecast.conversion_probability)}`);
    expect(await card.getByTestId('ml-forecast-eta').textContent()).toBe(
      forecast.eta_days === null ? 'timing unknown' : `in about ${forecast.eta_days} days`,
    );
    const cohort = forecast.cohort_performance;
    expect(cohort).not.toBeNull();
    expect(await card.getByTestId('ml-forecast-cohort').textContent()).toContain(
      `${percent(cohort?.similar_leads_conversion_rate ?? -1)} of ${cohort?.cohort_size.toLocaleString('en-GB')} decided`,
    );

    await page.setViewportSize({ width: 1440, height: 1600 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-lead-ml-forecast.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('says so, rather than forecasting, for a lead already decided', async () => {
    const decided = await api<LeadPage>('/people/leads?stage=enrolled&limit=1');
    const id = decided.items[0]?.id;
    if (!id) throw new Error('no enrolled lead');
    await page.goto(`${ivy.url}/leads/${id}`);
    const state = page.getByTestId('ml-forecast').getByTestId('ml-forecast-state');
    await state.waitFor({ state: 'visible' });
    expect(await state.textContent()).toContain('already enrolled');
  });
});
