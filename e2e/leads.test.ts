import { startIvy } from '@ivy/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, DEMO_PASSWORD, ensureWebBuilt, launchChromium, SCREENSHOTS, signIn } from './support/browser';

const ADMIN = { email: 'admin@demo.ivy', password: 'ivy-demo' };

type LeadPage = { items: { id: string; first_name: string | null; last_name: string | null }[]; total: number };

let ivy: Awaited<ReturnType<typeof startIvy>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The signed-in browser's session cookie, so the test's own API calls see what the admin sees. */
let sessionCookie = '';
const pageErrors: string[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, ivy.url), {
    headers: { accept: 'application/json', cookie: sessionCookie },
  });
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** "12,345 leads" → 12345. */
async function shownTotal(): Promise<number> {
  const text = (await page.getByTestId('leads-total').textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

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
  ensureWebBuilt();
  ivy = await startIvy({ port: 0, seedPeople: 1500, seed: 7, logLevel: 'silent' });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterEach(() => {
  // An uncaught error in the app fails the step that caused it.
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await ivy?.close();
});

describe('Sign-in', () => {
  it('sends a signed-out visitor to sign in, rejects a wrong password, and passes axe', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const visitor = await anonymous.newPage();
      visitor.on('pageerror', (error) => pageErrors.push(error.message));
      await visitor.goto(`${ivy.url}/leads?stage=enrolled`);
      await visitor.waitForURL((url) => url.pathname === '/sign-in');
      expect(new URL(visitor.url()).searchParams.get('next')).toBe('/leads?stage=enrolled');
      await visitor.getByRole('heading', { name: 'Sign in to Ivy' }).waitFor({ state: 'visible' });

      // The API itself refuses a visitor without a session.
      const leads = await fetch(new URL('/people/leads?limit=1', ivy.url), { headers: { accept: 'application/json' } });
      expect(leads.status).toBe(401);

      await signIn(visitor, { email: ADMIN.email, password: 'not-the-password' });
      await expect.poll(() => visitor.getByRole('alert').textContent()).toContain('E-mail or password is incorrect');
      expect(new URL(visitor.url()).pathname).toBe('/sign-in');
      await visitor.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-sign-in.png` });
      expect(await axeProblems(browser, visitor)).toEqual([]);
    } finally {
      await anonymous.close();
    }
  });

  it('signs in through the sign-in page and returns to where the user was going', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, ADMIN);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = (await context.cookies(ivy.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    expect(sessionCookie).not.toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Alex Admin' }).isVisible()).toBe(true);
  });
});

describe('Leads', () => {
  it('lists leads with the total count and passes axe', async () => {
    const all = await api<LeadPage>('/people/leads?limit=1');
    await page.goto(`${ivy.url}/leads`);
    await waitForTotal(all.total);
    expect(await page.getByTestId('leads-total').textContent()).toBe(`${all.total.toLocaleString('en-GB')} leads`);

    const rows = page.locator('table[aria-label=Leads] tbody tr:has(a)');
    expect(await rows.count()).toBeGreaterThan(5);
    // Virtualised: far fewer rows in the DOM than the page holds.
    expect(await rows.count()).toBeLessThan(50);
    await expect.poll(() => page.getByRole('button', { name: 'Load more' }).isVisible()).toBe(true);

    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-leads.png` });
    expect(await axeProblems(browser, page)).toEqual([]);

    // Scrolling to the end of the loaded rows fetches the next page by cursor.
    expect(await page.getByTestId('leads-loaded').textContent()).toMatch(/^Showing 50 of/);
    await page.getByTestId('leads-scroll').evaluate((element) => {
      (element as unknown as { scrollTop: number; scrollHeight: number }).scrollTop = (
        element as unknown as { scrollHeight: number }
      ).scrollHeight;
    });
    await expect.poll(() => page.getByTestId('leads-loaded').textContent()).toMatch(/^Showing 100 of/);
    const ids = await page
      .locator('table[aria-label=Leads] tbody tr:has(a) a')
      .evaluateAll((links) =>
        links.map((link) => (link as unknown as { getAttribute(name: string): string | null }).getAttribute('href')),
      );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters by stage, with the filter in the URL', async () => {
    const before = await shownTotal();
    const enrolled = await api<LeadPage>('/people/leads?stage=enrolled&limit=1');
    expect(enrolled.total).toBeGreaterThan(0);
    expect(enrolled.total).toBeLessThan(before);

    await page.getByRole('button', { name: /^Stage/ }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Enrolled' }).click();
    await page.keyboard.press('Escape');

    await waitForTotal(enrolled.total);
    expect(new URL(page.url()).searchParams.get('stage')).toBe('enrolled');
    const stages = await page.locator('table[aria-label=Leads] tbody [data-slot=badge]').allTextContents();
    expect(stages.length).toBeGreaterThan(0);
    expect(new Set(stages)).toEqual(new Set(['Enrolled']));

    // The URL alone reproduces the view.
    await page.reload();
    await waitForTotal(enrolled.total);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-leads-enrolled.png` });
  });

  it('sorts by name when the header is clicked', async () => {
    const expected = await api<LeadPage>('/people/leads?stage=enrolled&sort=name&limit=3');
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
    await expect
      .poll(() => page.locator('table[aria-label=Leads] tbody tr:has(a) a').first().getAttribute('href'))
      .toBe(`/leads/${expected.items[0]?.id}`);
    expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('Name');

    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-name');
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('Name');
  });

  it('searches as you type', async () => {
    const first = (await api<LeadPage>('/people/leads?stage=enrolled&limit=1')).items[0];
    const surname = first?.last_name ?? '';
    expect(surname).not.toBe('');
    const matches = await api<LeadPage>(`/people/leads?stage=enrolled&q=${encodeURIComponent(surname)}&limit=1`);

    await page.getByRole('searchbox', { name: 'Search leads' }).fill(surname);
    await waitForTotal(matches.total);
    expect(new URL(page.url()).searchParams.get('q')).toBe(surname);
  });

  it('opens a lead with its profile, stage progress and timelines, and passes axe', async () => {
    const link = page.locator('table[aria-label=Leads] tbody tr:has(a) a').first();
    const name = (await link.textContent()) ?? '';
    await link.click();

    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    for (const title of ['Stage progress', 'Applications', 'Engagement', 'Notes & calls', 'Profile']) {
      await page.getByRole('heading', { name: title, exact: true }).waitFor({ state: 'visible' });
    }
    expect(await page.getByRole('list', { name: 'Stage progress' }).getByRole('listitem').count()).toBe(5);

    const id = new URL(page.url()).pathname.split('/').at(-1);
    const lead = await api<{ applications: unknown[]; recent_events: unknown[] }>(`/people/${id}`);
    if (lead.applications.length) {
      expect(await page.getByRole('list', { name: 'Status history' }).count()).toBe(lead.applications.length);
    }
    if (lead.recent_events.length) {
      await page.getByRole('list', { name: 'Engagement by type' }).waitFor({ state: 'visible' });
    }

    await page.setViewportSize({ width: 1440, height: 2000 });
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-lead.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('shows a friendly page for a lead that does not exist', async () => {
    await page.goto(`${ivy.url}/leads/00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => page.getByRole('heading', { name: 'Lead not found' }).isVisible()).toBe(true);
  });

  it('marks areas not built yet honestly', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Personas/ })
      .click();
    await page.waitForURL(/\/ai\/personas$/);
    await page.getByRole('heading', { name: 'Coming in a later release' }).waitFor({ state: 'visible' });
    await expect
      .poll(() => page.getByRole('button', { name: /System status: All systems normal/ }).isVisible())
      .toBe(true);
  });

  it('signs out from the user menu', async () => {
    await page.getByRole('button', { name: 'Alex Admin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // The session is gone: the app sends the user back to sign in.
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });
});

describe('Data scopes', () => {
  /** A session cookie for a demo user, for the test's own API calls as that user. */
  async function apiSession(email: string): Promise<string> {
    const response = await fetch(new URL('/auth/login', ivy.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  async function totalAs(cookie: string): Promise<number> {
    const response = await fetch(new URL('/people/leads?limit=1', ivy.url), { headers: { cookie } });
    return ((await response.json()) as LeadPage).total;
  }

  async function leadsPageTotalAs(email: string): Promise<{ total: number; user: Page; close(): Promise<void> }> {
    const userContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const user = await userContext.newPage();
    user.on('pageerror', (error) => pageErrors.push(error.message));
    await user.goto(`${ivy.url}/sign-in`);
    await signIn(user, { email, password: DEMO_PASSWORD });
    await user.waitForURL((url) => url.pathname === '/leads');
    await user.getByTestId('leads-total').waitFor({ state: 'visible' });
    await user.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): { textContent: string | null } | null };
      };
      return /\d/.test(document.querySelector('[data-testid=leads-total]')?.textContent ?? '');
    });
    const text = (await user.getByTestId('leads-total').textContent()) ?? '';
    return { total: Number(text.replace(/[^0-9]/g, '')), user, close: () => userContext.close() };
  }

  it('shows staff only their own and their team’s leads, and another team’s lead is not found', async () => {
    // The Leads suite signed the browser's admin out; these calls use a session of their own.
    const adminCookie = await apiSession(ADMIN.email);
    const staffCookie = await apiSession('staff@demo.ivy');
    const adminTotal = await totalAs(adminCookie);
    const staffTotal = await totalAs(staffCookie);
    expect(staffTotal).toBeGreaterThan(0);
    expect(staffTotal).toBeLessThan(adminTotal);

    const everyone = (await (
      await fetch(new URL('/people/leads?limit=100', ivy.url), { headers: { cookie: adminCookie } })
    ).json()) as LeadPage;
    let outsider: string | undefined;
    for (const lead of everyone.items) {
      const response = await fetch(new URL(`/people/${lead.id}`, ivy.url), { headers: { cookie: staffCookie } });
      if (response.status === 404) {
        outsider = lead.id;
        break;
      }
    }
    if (!outsider) throw new Error('every one of 100 leads is in the staff member’s scope');

    const staff = await leadsPageTotalAs('staff@demo.ivy');
    try {
      expect(staff.total).toBe(staffTotal);
      await staff.user.goto(`${ivy.url}/leads/${outsider}`);
      await staff.user.getByRole('heading', { name: 'Lead not found' }).waitFor({ state: 'visible' });
    } finally {
      await staff.close();
    }
  });

  it('shows a manager their department’s leads: more than staff, fewer than admin', async () => {
    const managerTotal = await totalAs(await apiSession('manager@demo.ivy'));
    const staffTotal = await totalAs(await apiSession('staff@demo.ivy'));
    expect(managerTotal).toBeGreaterThan(staffTotal);
    expect(managerTotal).toBeLessThan(await totalAs(await apiSession(ADMIN.email)));
    const manager = await leadsPageTotalAs('manager@demo.ivy');
    try {
      expect(manager.total).toBe(managerTotal);
    } finally {
      await manager.close();
    }
  });
});
