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

type LeadPage = { items: { id: string; score: { action: string } | null }[] };
type Lead = { id: string; consent_email: boolean; consent_phone: boolean };
type Triage = { action: string; improvements: { change: string }[] };
type Consents = { current: { consent_type: string; state: string }[]; history: { granted: boolean; source: string }[] };

let ivy: IvyPage['ivy'];
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];
let sessionCookie = '';
/** A lead in the manager's scope that triage says to call now, and who consents to e-mail and calls. */
let leadId = '';

const api = <T>(path: string, body?: unknown) => apiCall<T>(ivy.url, sessionCookie, path, body);
const triageOf = async (id: string) =>
  (await api<{ leads: Triage[] }>('/ai/triage/leads', { lead_ids: [id] })).leads[0] as Triage;
const stateOf = async (type: string) =>
  (await api<Consents>(`/people/${leadId}/consents`)).current.find((c) => c.consent_type === type)?.state;
const consentRow = (type: string) => page.locator(`[data-consent="${type}"]`);

async function withdraw(typeLabel: string, purpose: string) {
  await page.getByRole('button', { name: 'Record consent' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Consent', { exact: true }).selectOption({ label: typeLabel });
  await dialog.getByLabel('Change').selectOption('withdraw');
  await dialog.getByLabel('Given through').selectOption('phone');
  await dialog.getByLabel('Purpose').fill(purpose);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
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

describe('Consent on the Lead page', () => {
  it('finds a lead the manager may call now, with e-mail and phone consent', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, MANAGER);
    await page.waitForURL((url) => url.pathname === '/leads');
    sessionCookie = await sessionCookieOf(context, ivy.url);

    const candidates = await api<LeadPage>('/people/leads?band=high&sort=-score&limit=100');
    for (const item of candidates.items) {
      const lead = await api<Lead>(`/people/${item.id}`);
      if (!lead.consent_email || !lead.consent_phone) continue;
      if ((await triageOf(item.id)).action === 'call_now') {
        leadId = item.id;
        break;
      }
    }
    expect(leadId).not.toBe('');
    expect((await triageOf(leadId)).improvements.map((i) => i.change)).not.toContain(
      'Record their consent to be contacted',
    );
  });

  it('shows the current consent with its history, and passes axe', async () => {
    await page.goto(`${ivy.url}/leads/${leadId}`);
    const card = page.getByRole('region', { name: 'Consent', exact: true });
    await card.waitFor();
    await expect.poll(() => consentRow('email_contact').textContent()).toContain('Granted');
    expect(await consentRow('phone_contact').textContent()).toContain('Granted');
    expect(await consentRow('email_contact').textContent()).toMatch(/Web form|UCAS/);
    await card.getByText(/^History \(\d+\)$/).click();
    expect(await card.getByRole('list', { name: 'Consent history' }).isVisible()).toBe(true);
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('withdraws e-mail and phone consent: the card, the API and triage all agree', async () => {
    await withdraw('E-mail contact', 'Asked us to stop e-mailing');
    await expect.poll(() => consentRow('email_contact').textContent()).toContain('Withdrawn');
    expect(await stateOf('email_contact')).toBe('withdrawn');
    expect((await api<Lead>(`/people/${leadId}`)).consent_email).toBe(false);

    await withdraw('Phone calls', 'Asked not to be called');
    await expect.poll(() => consentRow('phone_contact').textContent()).toContain('Withdrawn');
    expect(await stateOf('phone_contact')).toBe('withdrawn');
    const triage = await triageOf(leadId);
    expect(triage.action).not.toBe('call_now');
    expect(triage.improvements.map((i) => i.change)).not.toContain('Call them today');
    await expect.poll(() => page.getByTestId('next-action').textContent()).not.toContain('Call now');

    expect(await axeProblems(browser, page)).toEqual([]);
    await page.getByRole('region', { name: 'Consent', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-lead-consent-withdrawn.png` });
  });

  it('shows staff the same state read-only', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const staffPage = await staffContext.newPage();
      staffPage.on('pageerror', (error) => pageErrors.push(error.message));
      await staffPage.goto(`${ivy.url}/sign-in`);
      await signIn(staffPage, STAFF);
      await staffPage.waitForURL((url) => url.pathname !== '/sign-in');
      const staffCookie = await sessionCookieOf(staffContext, ivy.url);
      // The demo officer's team may not own this lead; read consent for one they can see.
      const own = (await apiCall<LeadPage>(ivy.url, staffCookie, '/people/leads?limit=1')).items[0];
      expect(own).toBeDefined();
      await staffPage.goto(`${ivy.url}/leads/${own?.id}`);
      const card = staffPage.getByRole('region', { name: 'Consent', exact: true });
      await card.waitFor();
      await staffPage.locator('[data-consent="email_contact"]').waitFor();
      expect(await card.getByRole('button', { name: 'Record consent' }).count()).toBe(0);
    } finally {
      await staffContext.close();
    }
  });
});
