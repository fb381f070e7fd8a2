import { readFile } from 'node:fs/promises';
import { startIvy } from '@ivy/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  axeProblems,
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchChromium,
  SCREENSHOTS,
  sessionCookieOf,
  signIn,
} from './support/browser';

const MANAGER = { email: 'manager@demo.ivy', password: DEMO_PASSWORD };

type Lead = { id: string; first_name: string | null; last_name: string | null; email: string | null };
type Report = { erasures: { all_time: { by_ground: { subject_request: number } } } };

let ivy: Awaited<ReturnType<typeof startIvy>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';
let lead: Lead;
const pageErrors: string[] = [];

const fullName = () => `${lead.first_name} ${lead.last_name}`;

beforeAll(async () => {
  ensureWebBuilt();
  ivy = await startIvy({ port: 0, seedPeople: 200, seed: 7, logLevel: 'silent' });
  await ivy.startupWork;
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await ivy?.close();
});

describe('GDPR rights for a manager', () => {
  it('signs in and opens a lead of their department', async () => {
    await page.goto(`${ivy.url}/sign-in`);
    await signIn(page, MANAGER);
    await page.waitForURL((url) => url.pathname === '/leads');
    cookie = await sessionCookieOf(context, ivy.url);
    const { items } = await apiCall<{ items: Lead[] }>(ivy.url, cookie, '/people/leads?sort=name&limit=100');
    const named = items.find((item) => item.email && item.first_name && item.last_name);
    if (!named) throw new Error('the manager sees no lead with a name and an e-mail');
    lead = named;
    await page.goto(`${ivy.url}/leads/${lead.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: fullName() }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Export data' }).isVisible()).toBe(true);
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('exports the person’s data as a JSON file that holds their e-mail', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ivy-subject-access-${lead.id}.json`);
    const document = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(document.person).toMatchObject({ id: lead.id, email: lead.email });
    expect(document.request_id).toEqual(expect.any(String));
  });

  it('erases the person after a reason and confirmation; the lead page shows the anonymised record', async () => {
    await page.getByRole('button', { name: 'Erase person' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Erase ${fullName()}?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const erase = dialog.getByRole('button', { name: 'Erase permanently' });
    await dialog.getByLabel('Reason for erasure').fill('Erasure requested by the applicant by e-mail');
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type ERASE to confirm').fill('ERASE');
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-gdpr-erase-dialog.png` });
    await erase.click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Erased:' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Unnamed lead' }).isVisible()).toBe(true);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(fullName());
    expect(text).not.toContain(lead.email);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Unnamed lead' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).not.toContain(lead.last_name);
  });

  it('counts the erasure on the Privacy page, which passes axe', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Privacy/ })
      .click();
    await page.waitForURL((url) => url.pathname === '/privacy');
    await expect.poll(() => page.getByTestId('erasures-30-days').textContent()).toBe('1');
    const rows = page.getByTestId('gdpr-request-row');
    await expect.poll(() => rows.filter({ hasText: 'Erasure · Subject request' }).count()).toBe(1);
    await expect.poll(() => rows.filter({ hasText: 'Export' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain(fullName());
    const report = await apiCall<Report>(ivy.url, cookie, '/ai/pii/gdpr/report');
    expect(report.erasures.all_time.by_ground.subject_request).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-gdpr-report.png`, fullPage: true });
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('redacts a note in the playground as the API does, hiding every identifier', async () => {
    const playground = page.getByTestId('redaction-playground');
    const text = 'Student John Smith, email: john@email.com, phone 07911 123456';
    await playground.getByLabel('Text', { exact: true }).fill(text);
    await playground.getByRole('button', { name: 'Redact' }).click();
    const shown = playground.getByTestId('redacted-text');
    await shown.waitFor({ state: 'visible' });
    const expected = await apiCall<{ redacted_text: string }>(ivy.url, cookie, '/ai/pii/redact', {
      text,
      level: 'anonymized',
    });
    expect(await shown.textContent()).toBe(expected.redacted_text);
    expect(expected.redacted_text).toBe('Student PERSON_1, email: EMAIL_1, phone PHONE_1');
    expect(await playground.getByTestId('redaction-found').textContent()).toContain('3 found');
    expect(await axeProblems(browser, page)).toEqual([]);
  });
});
