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
const MANAGER = { email: 'manager@demo.ivy', password: DEMO_PASSWORD };

type Alert = {
  id: string;
  person_id: string;
  person_name: string;
  level: number;
  status: string;
  title: string;
  escalated_at: string | null;
};

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The signed-in browser's session cookie, so the test's own API calls see what the officer sees. */
let sessionCookie = '';
let pageErrors: string[] = [];

async function alerts(query: string, cookie = sessionCookie): Promise<Alert[]> {
  return (await apiCall<{ items: Alert[] }>(ivy.url, cookie, `/ai/alerts?${query}`)).items;
}

const rows = (on: Page = page) => on.getByTestId('alert-row');
const rowIds = (on: Page = page) =>
  rows(on).evaluateAll((elements) => elements.map((element) => element.getAttribute('data-alert-id')));
const row = (id: string) => page.locator(`[data-testid=alert-row][data-alert-id="${id}"]`);

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

describe('The alerts inbox, as an admissions officer', () => {
  it('opens Triage from the navigation on "Mine", with the officer’s alerts escalated first, and passes axe', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, STAFF);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }).click();
    await page.waitForURL((url) => url.pathname === '/ai/triage');
    await expect.poll(() => page.getByRole('button', { name: 'Mine' }).getAttribute('aria-pressed')).toBe('true');

    const mine = await alerts('view=mine');
    expect(mine.length).toBeGreaterThan(0);
    await expect.poll(() => rowIds()).toEqual(mine.map((alert) => alert.id));
    const escalated = mine.map((alert) => alert.escalated_at !== null);
    expect(escalated).toEqual([...escalated].sort((a, b) => Number(b) - Number(a)));

    const first = mine[0] as Alert;
    const firstRow = row(first.id);
    expect(await firstRow.textContent()).toContain(first.title);
    expect(await firstRow.getByTestId('alert-status').textContent()).toBe('Open');
    expect(await firstRow.getByRole('link', { name: first.person_name }).getAttribute('href')).toBe(
      `/leads/${first.person_id}`,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-inbox.png` });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('acknowledges an alert: its status changes, and stays changed after a reload', async () => {
    const [alert] = await alerts('view=mine&status=open');
    if (!alert) throw new Error('no open alert to acknowledge');
    const target = row(alert.id);
    await target.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect.poll(() => target.getByTestId('alert-status').textContent()).toBe('Acknowledged');
    expect(await target.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);

    await page.reload();
    await expect.poll(() => target.getByTestId('alert-status').textContent()).toBe('Acknowledged');
    expect((await alerts('view=mine&status=acknowledged')).map((a) => a.id)).toContain(alert.id);
  });

  it('resolves the acknowledged alert, which then shows only under the Resolved status', async () => {
    const [alert] = await alerts('view=mine&status=acknowledged');
    if (!alert) throw new Error('no acknowledged alert to resolve');
    await row(alert.id)
      .getByRole('button', { name: /^Resolve/ })
      .click();
    await expect.poll(() => row(alert.id).count()).toBe(0);

    await page.getByLabel('Status', { exact: true }).click();
    await page.getByRole('option', { name: 'Resolved' }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'resolved');
    await expect.poll(() => rowIds()).toEqual([alert.id]);
    expect(await row(alert.id).getByTestId('alert-status').textContent()).toBe('Resolved');
    expect(await row(alert.id).getByRole('button').count()).toBe(0);
  });

  it('filters by minimum level, with the filter in the URL', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    const levelThree = await alerts('view=mine&min_level=3');
    expect(levelThree.length).toBeGreaterThan(0);

    await page.getByLabel('Minimum level', { exact: true }).click();
    await page.getByRole('option', { name: 'Level 3' }).click();
    await page.waitForURL((url) => url.searchParams.get('min_level') === '3');
    await expect.poll(() => rowIds()).toEqual(levelThree.map((alert) => alert.id));
    const levels = await rows()
      .getByText(/^Level \d$/)
      .allTextContents();
    expect(new Set(levels)).toEqual(new Set(['Level 3']));
  });
});

describe('The alerts inbox, as a manager', () => {
  it('switches to "My team" to see the alerts on every lead in their scope', async () => {
    const managerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const manager = await managerContext.newPage();
      manager.on('pageerror', (error) => pageErrors.push(error.message));
      await manager.goto(`${ivy.url}/ai/triage`);
      await manager.waitForURL((url) => url.pathname === '/sign-in');
      await signIn(manager, MANAGER);
      await manager.waitForURL((url) => url.pathname === '/ai/triage');
      const cookie = (await managerContext.cookies(ivy.url)).map((c) => `${c.name}=${c.value}`).join('; ');

      const mine = await alerts('view=mine', cookie);
      if (mine.length === 0) {
        await manager.getByRole('heading', { name: 'No open alerts — nothing is stalled' }).waitFor();
      } else {
        await expect.poll(() => rowIds(manager)).toEqual(mine.map((alert) => alert.id));
      }
      await manager.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-manager-mine.png` });

      const team = await alerts('view=team', cookie);
      expect(team.length).toBeGreaterThan(mine.length);
      await manager.getByRole('button', { name: 'My team' }).click();
      await manager.waitForURL((url) => url.searchParams.get('view') === 'team');
      await expect
        .poll(() => manager.getByRole('button', { name: 'My team' }).getAttribute('aria-pressed'))
        .toBe('true');
      await expect.poll(() => rowIds(manager)).toEqual(team.map((alert) => alert.id));
      await manager.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-triage-team.png` });
      expect(await axeProblems(browser, manager)).toEqual([]);
    } finally {
      await managerContext.close();
    }
  });
});
