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

const ADMIN = { email: 'admin@demo.ivy', password: DEMO_PASSWORD };
const MANAGER = { email: 'manager@demo.ivy', password: DEMO_PASSWORD };

type Model = { id: string; active: boolean; metrics: { cv_roc_auc: number; cv_roc_auc_std: number } };
type Analysis = { model_id: string; metrics: { cv_roc_auc: number }; calibration_curve: unknown[] };
type LeadPage = { items: { id: string; first_name: string | null; last_name: string | null }[] };
type Forecast = { conversion_probability: number };

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sessionCookie = '';
let pageErrors: string[] = [];
let trainedModelId = '';

const api = <T>(path: string, body?: unknown) => apiCall<T>(ivy.url, sessionCookie, path, body);
const auc = (model: Model) => `${model.metrics.cv_roc_auc.toFixed(3)} ± ${model.metrics.cv_roc_auc_std.toFixed(3)}`;

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

describe('ML Studio as an administrator', () => {
  it('is in the AI navigation and lists the registered models with their CV ROC AUC', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, ADMIN);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);

    await page.getByRole('link', { name: 'ML Studio' }).click();
    await page.waitForURL((url) => url.pathname === '/ai/ml-studio');
    const rows = page.getByTestId('model-row');
    await rows.first().waitFor({ state: 'visible' });
    const { models } = await api<{ models: Model[] }>('/ai/advanced-ml/models');
    expect(models.length).toBeGreaterThan(0);
    expect(await rows.count()).toBe(models.length);
    for (const [i, model] of models.entries()) {
      expect(await rows.nth(i).getAttribute('data-model-id')).toBe(model.id);
      expect(await rows.nth(i).getByTestId('model-auc').textContent()).toBe(auc(model));
      expect(await rows.nth(i).getByTestId('active-badge').count()).toBe(model.active ? 1 : 0);
    }
  });

  it('shows the active model’s ROC curve, calibration plot and feature importance, with text summaries', async () => {
    await page.getByRole('tab', { name: 'Analysis' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'analysis');
    const analysis = await api<Analysis>('/ai/advanced-ml/feature-analysis');
    const calibration = page.getByTestId('calibration-chart');
    await calibration.locator('svg .recharts-line-curve').first().waitFor({ state: 'visible' });
    expect(await calibration.locator('.recharts-line-dot').count()).toBe(analysis.calibration_curve.length);
    // The perfect-calibration diagonal is drawn with the observed line.
    expect(await calibration.locator('.recharts-reference-line').count()).toBe(1);
    const roc = page.getByTestId('roc-chart');
    expect(await roc.getByRole('img').first().getAttribute('aria-label')).toContain(
      `CV ROC AUC ${analysis.metrics.cv_roc_auc.toFixed(2)}`,
    );
    expect(await roc.locator('.recharts-line-curve').count()).toBe(1);
    expect(await page.getByTestId('importance-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('model-analysis').getAttribute('data-model-id')).toBe(analysis.model_id);

    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-analysis.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('trains a small model, following the job’s progress to completion, and links to the new model', async () => {
    await page.getByRole('tab', { name: 'Training' }).click();
    const form = page.getByRole('form', { name: 'Train a model' });
    await form.getByLabel('Model type').click();
    await page.getByRole('option', { name: 'Logistic regression' }).click();
    await form.getByLabel('Cross-validation folds').fill('3');
    await form.getByLabel('Training data limit').fill('1500');
    await form.getByLabel('Feature selection').uncheck();
    await form.getByRole('button', { name: 'Start training' }).click();

    const job = page.getByTestId('training-job');
    await job.waitFor({ state: 'visible' });
    await expect
      .poll(() => job.getByTestId('training-job-status').textContent(), { timeout: 90_000, interval: 250 })
      .toBe('Completed');
    expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await job.getByTestId('training-job-message').textContent()).toBe('Model registered');
    const jobId = new URL(page.url()).searchParams.get('job');
    const done = await api<{ model_id: string; status: string }>(`/ai/advanced-ml/jobs/${jobId}`);
    expect(done.status).toBe('completed');
    trainedModelId = done.model_id;
    // The bar eases to its final width.
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-training.png` });

    await page.getByTestId('new-model-link').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'models');
    const row = page.locator(`[data-testid=model-row][data-model-id="${trainedModelId}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('Logistic regression');
    expect(await row.textContent()).toContain('You');
  });

  it('activates the new model after confirmation, and compares two models side by side', async () => {
    const row = page.locator(`[data-testid=model-row][data-model-id="${trainedModelId}"]`);
    await row.getByRole('button', { name: /^Activate/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate this model?' });
    await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByTestId('active-badge').waitFor({ state: 'visible' });
    expect(await page.getByTestId('active-badge').count()).toBe(1);
    expect((await api<{ id: string }>('/ai/advanced-ml/active')).id).toBe(trainedModelId);

    const rows = page.getByTestId('model-row');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const comparison = page.getByTestId('model-comparison');
    await comparison.waitFor({ state: 'visible' });
    const { models } = await api<{ models: Model[] }>('/ai/advanced-ml/models');
    const aucRow = comparison.getByRole('row', { name: /^CV ROC AUC/ });
    const cells = await aucRow.getByRole('cell').allTextContents();
    expect(cells.map((text) => text.replace(' (best)', ''))).toEqual([
      auc(models[0] as Model),
      auc(models[1] as Model),
    ]);
    expect(await aucRow.locator('[data-best]').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-models.png`, fullPage: true });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('tries a stored lead on the Predictions tab and shows the forecast the API gives', async () => {
    const { items } = await api<LeadPage>('/people/leads?stage=applicant&limit=1');
    const lead = items[0];
    if (!lead?.last_name) throw new Error('no named applicant');
    await page.getByRole('tab', { name: 'Predictions' }).click();
    await page.getByLabel('Search leads').fill(lead.last_name);
    await page.getByTestId('lead-result').first().waitFor({ state: 'visible' });
    await page
      .getByTestId('lead-result')
      .filter({ hasText: `${lead.first_name} ${lead.last_name}` })
      .first()
      .click();
    const result = page.getByTestId('forecast-result');
    await result.waitFor({ state: 'visible' });
    const forecast = await api<Forecast>('/ai/ml-models/forecast', { lead_id: lead.id });
    expect(await result.getByTestId('forecast-probability').textContent()).toBe(
      `${Math.round(forecast.conversion_probability * 100)}%`,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-predictions.png` });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('predicts a lead described by hand, as the API does for the same features', async () => {
    await page.getByText('Describe a lead').click();
    const form = page.getByRole('form', { name: 'Describe a lead' });
    await form.getByLabel('E-mail', { exact: true }).fill('sam.jones@example.ac.uk');
    await form.getByLabel('Source').click();
    await page.getByRole('option', { name: 'Referral' }).click();
    await form.getByLabel('Stage').click();
    await page.getByRole('option', { name: 'Applicant' }).click();
    await form.getByLabel('Website visits').fill('6');
    await form.getByLabel('Events attended').fill('1');
    await form.getByRole('button', { name: 'Predict' }).click();
    const result = page.getByTestId('forecast-result');
    await result.getByText('The lead you described').waitFor({ state: 'visible' });
    const forecast = await api<Forecast>('/ai/ml-models/forecast', {
      lead_features: {
        email: 'sam.jones@example.ac.uk',
        source: 'referral',
        stage: 'applicant',
        engagement_data: { web_visits: 6, events_attended: 1 },
      },
    });
    expect(await result.getByTestId('forecast-probability').textContent()).toBe(
      `${Math.round(forecast.conversion_probability * 100)}%`,
    );
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-describe.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('ML Studio as a manager', () => {
  it('shows models and analysis, without training or activating', async () => {
    const managerContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    try {
      const managerPage = await managerContext.newPage();
      await managerPage.goto(`${ivy.url}/ai/ml-studio`);
      await managerPage.waitForURL((url) => url.pathname === '/sign-in');
      await signIn(managerPage, MANAGER);
      await managerPage.waitForURL((url) => url.pathname === '/ai/ml-studio');
      await managerPage.getByTestId('model-row').first().waitFor({ state: 'visible' });
      expect(await managerPage.getByRole('button', { name: /^Activate/ }).count()).toBe(0);
      expect(await managerPage.getByTestId('active-badge').count()).toBe(1);

      await managerPage.getByRole('tab', { name: 'Training' }).click();
      await managerPage.getByText('Training is for administrators').waitFor({ state: 'visible' });
      expect(await managerPage.getByRole('form', { name: 'Train a model' }).count()).toBe(0);
      await managerPage.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-ml-studio-manager-training.png` });

      await managerPage.getByRole('tab', { name: 'Analysis' }).click();
      await managerPage.getByTestId('calibration-chart').waitFor({ state: 'visible' });
      expect(await axeProblems(browser, managerPage)).toEqual([]);
    } finally {
      await managerContext.close();
    }
  });
});
