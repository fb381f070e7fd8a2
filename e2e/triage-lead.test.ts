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

type Band = 'high' | 'medium' | 'low';
type LeadPage = {
  items: { id: string; score: { score: number; band: Band; action: string } | null }[];
  total: number;
};
type Triage = {
  leadId: string;
  score: number;
  band: Band;
  factors: unknown[];
  explanation: { text: string };
  alerts: { id: string; status: string; title: string }[];
};
type Forecast = { probability: number };
type Alert = { id: string; person_id: string; status: string; title: string };

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The signed-in browser's session cookie, so the test's own API calls see what the officer sees. */
let sessionCookie = '';
let pageErrors: string[] = [];

const api = <T>(path: string, body?: unknown) => apiCall<T>(ivy.url, sessionCookie, path, body);

/** The score as the app shows it: one decimal at most. */
function shownScore(score: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(score);
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const leadLinks = () => page.locator('table[aria-label=Leads] tbody tr:has(a) a');

async function waitForTotal(expected: number) {
  await page.waitForFunction((n) => {
    // This file is type-checked without the DOM library.
    const { document } = globalThis as unknown as {
      document: { querySelector(selector: string): { textContent: string | null } | null };
    };
    return document.querySelector('[data-testid=leads-total]')?.textContent?.replace(/[^0-9]/g, '') === String(n);
  }, expected);
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

describe('Triage in the Leads table', () => {
  it('signs in as an admissions officer', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, STAFF);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);
    expect(sessionCookie).not.toBe('');
  });

  it('sorts by score, best first, showing each score with its band', async () => {
    const best = (await api<LeadPage>('/people/leads?sort=-score&limit=1')).items[0];
    expect(best?.score).not.toBeNull();

    await page
      .getByRole('columnheader', { name: /^Score/ })
      .getByRole('button')
      .click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-score');
    await expect.poll(() => leadLinks().first().getAttribute('href')).toBe(`/leads/${best?.id}`);
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('Score');

    const cells = await page.getByTestId('lead-score-cell').allTextContents();
    expect(cells.length).toBeGreaterThan(5);
    expect(cells[0]).toBe(`${shownScore(best?.score?.score ?? 0)}${capitalised(best?.score?.band ?? '')}`);
    const scores = cells.map((text) => {
      const match = /^(\d+(?:\.\d)?)(High|Medium|Low)$/.exec(text);
      expect(match, text).not.toBeNull();
      return Number(match?.[1]);
    });
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by score band, with the band in the URL', async () => {
    const band = (await api<LeadPage>('/people/leads?sort=-score&limit=1')).items[0]?.score?.band ?? 'high';
    const inBand = await api<LeadPage>(`/people/leads?band=${band}&limit=1`);
    expect(inBand.total).toBeGreaterThan(0);

    await page.getByRole('button', { name: /^Score band/ }).click();
    await page.getByRole('menuitemcheckbox', { name: capitalised(band) }).click();
    await page.keyboard.press('Escape');

    await waitForTotal(inBand.total);
    expect(new URL(page.url()).searchParams.get('band')).toBe(band);
    const cells = await page.getByTestId('lead-score-cell').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((text) => text.endsWith(capitalised(band)))).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-leads-by-score.png` });
  });
});

describe('The AI Summary Panel on the Lead page', () => {
  it('shows the score, factors, explanation, next action and forecast, and passes axe', async () => {
    const link = leadLinks().first();
    const id = ((await link.getAttribute('href')) ?? '').split('/').at(-1) ?? '';
    await link.click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);

    const panel = page.getByTestId('ai-summary');
    await panel.getByTestId('lead-score').waitFor({ state: 'visible' });
    const [triage] = (await api<{ leads: Triage[] }>('/ai/triage/leads', { lead_ids: [id] })).leads;
    const [forecast] = (await api<{ leads: Forecast[] }>('/ai/forecast/leads', { lead_ids: [id] })).leads;

    expect(await panel.getByTestId('lead-score').textContent()).toBe(shownScore(triage?.score ?? -1));
    expect(await panel.getByText(`${capitalised(triage?.band ?? '')} band`).isVisible()).toBe(true);
    expect(await panel.getByRole('list', { name: 'Score factors' }).getByRole('listitem').count()).toBe(
      triage?.factors.length,
    );
    expect(await panel.getByTestId('score-explanation').textContent()).toBe(triage?.explanation.text);
    expect(await panel.getByText(/^Explained from the score’s factors/).isVisible()).toBe(true);
    expect(await panel.getByTestId('next-action').textContent()).toMatch(/Call now|Nurture|Re-engage|Verify data/);

    await expect
      .poll(() => panel.getByTestId('forecast-probability').textContent())
      .toBe(`${Math.round((forecast?.probability ?? 0) * 100)}%`);
    await panel.getByText('Why this forecast?').click();
    await panel.getByRole('heading', { name: 'Working for it' }).waitFor({ state: 'visible' });

    await page.setViewportSize({ width: 1440, height: 1600 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-lead-ai-summary.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('acknowledges an alert and shows its new status', async () => {
    const mine = await api<{ items: Alert[] }>('/ai/alerts?view=mine&status=open');
    // A staff member may own no alerted lead; their team's alerts are theirs to act on too.
    const team = mine.items.length ? mine : await api<{ items: Alert[] }>('/ai/alerts?view=team&status=open');
    const alert = team.items[0];
    if (!alert) throw new Error('no open alert in the staff member’s scope');

    await page.goto(`${ivy.url}/leads/${alert.person_id}`);
    const item = page.getByTestId('triage-alert').filter({ hasText: alert.title });
    await item.waitFor({ state: 'visible' });
    expect(await item.getByTestId('alert-status').textContent()).toBe('Open');
    expect(await axeProblems(browser, page)).toEqual([]);

    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => item.getByTestId('alert-status').textContent()).toBe('Acknowledged');
    expect(await item.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 1600 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-lead-alert-acknowledged.png` });
    await page.setViewportSize({ width: 1440, height: 900 });

    const acknowledged = await api<{ items: Alert[] }>('/ai/alerts?view=team&status=acknowledged');
    expect(acknowledged.items.map((a) => a.id)).toContain(alert.id);
  });

  it('leaves the panel out, and the rest of the lead in, when triage is refused (403)', async () => {
    await page.route('**/ai/triage/leads', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Forbidden', status: 403, detail: 'You may not score leads' }),
      }),
    );
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Stage progress', exact: true }).waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('ai-summary').count()).toBe(0);
    } finally {
      await page.unroute('**/ai/triage/leads');
    }
  });
});
