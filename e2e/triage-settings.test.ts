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
const STAFF = { email: 'staff@demo.ivy', password: DEMO_PASSWORD };

type Weights = Record<'engagement' | 'recency' | 'source_quality' | 'contactability' | 'course_fit', number>;
type WeightsOverview = {
  active: { version: number; weights: Weights; reason: string };
  history: { decision: string; actor_label: string; reason: string; new_version: number | null; details: object }[];
};
type ConfigHistory = {
  versions: { version: number; active: boolean; created_by_label: string; config: { bias: number } }[];
};

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The signed-in browser's session cookie, so the test's own API calls see what the admin sees. */
let sessionCookie = '';
let pageErrors: string[] = [];

const api = <T>(path: string) => apiCall<T>(ivy.url, sessionCookie, path);

const weightsForm = () => page.getByRole('form', { name: 'Set scoring weights' });
const forecastForm = () => page.getByRole('form', { name: 'Forecast configuration' });
const weightsHistoryRows = () => page.getByTestId('weights-history-row');
const forecastHistoryRows = () => page.getByTestId('forecast-history-row');

beforeAll(async () => {
  ({ ivy, browser, context, page, pageErrors } = await openIvyPage());
});

afterEach(() => {
  // An uncaught error in the app fails the step that caused it.
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await ivy?.close();
});

describe('Scoring & forecast settings', () => {
  it('opens from the Admin navigation with the active weights and configuration, and passes axe', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, ADMIN);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scoring & forecast' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/triage-settings');

    const { active } = await api<WeightsOverview>('/ai/triage/weights');
    const bars = page.getByRole('list', { name: 'Active scoring weights' });
    await bars.waitFor();
    expect(await bars.getByTestId('weight-engagement').textContent()).toBe(
      `Engagement${Math.round(active.weights.engagement * 100)}%`,
    );
    const { versions } = await api<ConfigHistory>('/ai/forecast/config/history');
    expect(await forecastForm().getByLabel('Bias').inputValue()).toBe(String(versions[0]?.config.bias));
    await expect.poll(() => forecastHistoryRows().count()).toBe(versions.length);
    await page.setViewportSize({ width: 1440, height: 2000 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-settings.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('refuses an invalid forecast value next to its field and saves nothing', async () => {
    const before = await api<ConfigHistory>('/ai/forecast/config/history');
    await forecastForm().getByLabel('Bias').fill('50');
    await forecastForm().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => forecastForm().getByText('Must be at most 20.').isVisible()).toBe(true);
    expect(await forecastForm().getByLabel('Bias').getAttribute('aria-invalid')).toBe('true');

    // The cross-field rule the server applies holds here too.
    await forecastForm().getByLabel('Bias').fill('-3');
    await forecastForm().getByLabel('ETA shortening (days)').fill('60');
    await forecastForm().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => forecastForm().getByText('Must be less than the ETA base (days).').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-settings-invalid.png` });
    expect((await api<ConfigHistory>('/ai/forecast/config/history')).versions).toEqual(before.versions);
  });

  it('shows the field errors of a change the server refuses (400 problem+json) next to their fields', async () => {
    await page.route('**/ai/forecast/config', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              title: 'Bad Request',
              status: 400,
              detail: 'body.min_probability_for_eta: is outside what the forecast allows',
              errors: [{ path: 'body.min_probability_for_eta', message: 'is outside what the forecast allows' }],
            }),
          })
        : route.fallback(),
    );
    try {
      await forecastForm().getByLabel('ETA shortening (days)').fill('20');
      await forecastForm().getByLabel('Minimum probability for an ETA').fill('0.3');
      await forecastForm().getByRole('button', { name: 'Save configuration' }).click();
      const field = forecastForm().getByLabel('Minimum probability for an ETA');
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(await forecastForm().getByText('Is outside what the forecast allows.').isVisible()).toBe(true);
    } finally {
      await page.unroute('**/ai/forecast/config');
      await page.reload();
    }
  });

  it('changes the forecast bias, which appears as the new active version in the history', async () => {
    const before = await api<ConfigHistory>('/ai/forecast/config/history');
    const latest = before.versions[0]?.version ?? 0;
    await forecastForm().getByLabel('Bias').fill('-2.5');
    await forecastForm().getByRole('button', { name: 'Save configuration' }).click();
    await expect
      .poll(() =>
        forecastForm()
          .getByText(`Saved: version ${latest + 1} is now active.`)
          .isVisible(),
      )
      .toBe(true);

    const after = await api<ConfigHistory>('/ai/forecast/config/history');
    expect(after.versions[0]).toMatchObject({ version: latest + 1, active: true, config: { bias: -2.5 } });
    await expect.poll(() => forecastHistoryRows().count()).toBe(before.versions.length + 1);
    const newest = forecastHistoryRows().first();
    expect(await newest.textContent()).toContain(`v${latest + 1}Active`);
    expect(await newest.textContent()).toContain(after.versions[0]?.created_by_label);
    expect(await newest.getByRole('cell').nth(3).textContent()).toBe('-2.5');
  });

  it('refuses weights without a reason or with a non-positive weight, and saves nothing', async () => {
    const before = await api<WeightsOverview>('/ai/triage/weights');
    await weightsForm().getByLabel('Recency').fill('0');
    await weightsForm().getByRole('button', { name: 'Save weights' }).click();
    await expect.poll(() => weightsForm().getByText('Must be more than 0.').isVisible()).toBe(true);
    expect(await weightsForm().getByText('Say why the weights change.').isVisible()).toBe(true);
    expect(await api<WeightsOverview>('/ai/triage/weights')).toEqual(before);
  });

  it('changes a weight with a reason: the bars and the history show the new version', async () => {
    const before = await api<WeightsOverview>('/ai/triage/weights');
    const reason = 'Recent contact predicts enrolment best this cycle';
    await weightsForm().getByLabel('Recency').fill('40');
    await weightsForm().getByLabel('Reason').fill(reason);
    await weightsForm().getByRole('button', { name: 'Save weights' }).click();
    await expect
      .poll(() =>
        weightsForm()
          .getByText(`Saved: version ${before.active.version + 1} is now active.`)
          .isVisible(),
      )
      .toBe(true);

    const after = await api<WeightsOverview>('/ai/triage/weights');
    expect(after.active.version).toBe(before.active.version + 1);
    expect(after.active.weights.recency).toBeGreaterThan(before.active.weights.recency);
    expect(await page.getByTestId('weight-recency').textContent()).toBe(
      `Recency${Math.round(after.active.weights.recency * 100)}%`,
    );
    const newest = weightsHistoryRows().first();
    await expect.poll(() => newest.textContent()).toContain(reason);
    expect(await newest.textContent()).toContain('Adopted');
    expect(await newest.textContent()).toContain(`v${before.active.version} → v${after.active.version}`);
    expect(await newest.textContent()).toContain(after.history[0]?.actor_label);
  });

  it('runs the optimiser and shows its decision with both AUCs, also in the history', async () => {
    const before = await api<WeightsOverview>('/ai/triage/weights');
    await page.getByRole('button', { name: 'Run optimiser now' }).click();
    const result = page.getByTestId('optimiser-result');
    await result.waitFor({ timeout: 60_000 });
    const after = await api<WeightsOverview>('/ai/triage/weights');
    const decision = after.history[0];
    if (!decision) throw new Error('the optimiser recorded no decision');
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(decision.details).toMatchObject({ auc_current: expect.any(Number), auc_proposed: expect.any(Number) });
    const { auc_current, auc_proposed } = decision.details as { auc_current: number; auc_proposed: number };
    const aucs = `${auc_current.toFixed(3)} now → ${auc_proposed.toFixed(3)} proposed`;
    expect(await result.textContent()).toContain(aucs);
    expect(await result.textContent()).toContain(decision.decision === 'adopted' ? 'Adopted' : 'Rejected');

    await expect.poll(() => weightsHistoryRows().count()).toBe(after.history.length);
    expect(await weightsHistoryRows().first().textContent()).toContain(
      `${auc_current.toFixed(3)} → ${auc_proposed.toFixed(3)}`,
    );
    await page.setViewportSize({ width: 1440, height: 2000 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-settings-optimised.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('Staff', () => {
  it('sees no Scoring & forecast link, and the page itself says it is for administrators', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const staff = await staffContext.newPage();
      staff.on('pageerror', (error) => pageErrors.push(error.message));
      await staff.goto(`${ivy.url}/sign-in`);
      await signIn(staff, STAFF);
      await staff.waitForURL((url) => url.pathname === '/leads');
      const nav = staff.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Leads' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Scoring & forecast' }).count()).toBe(0);

      await staff.goto(`${ivy.url}/admin/triage-settings`);
      await staff.getByRole('heading', { name: 'Administrators only' }).waitFor();
      expect(await staff.getByRole('form').count()).toBe(0);
    } finally {
      await staffContext.close();
    }
  });
});
