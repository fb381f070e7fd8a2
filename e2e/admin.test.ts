import { startIvy } from '@ivy/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, ensureWebBuilt, launchChromium, SCREENSHOTS, signIn } from './support/browser';

const ADMIN = { email: 'admin@demo.ivy', password: 'ivy-demo' };
const STAFF = { email: 'staff@demo.ivy', password: 'ivy-demo' };
const NEW_USER = { name: 'Robin Newcomer', email: 'robin.newcomer@demo.ivy', password: 'a-long-enough-password' };

let ivy: Awaited<ReturnType<typeof startIvy>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const newUserRow = () => page.getByTestId(`user-row-${NEW_USER.email}`);

beforeAll(async () => {
  ensureWebBuilt();
  ivy = await startIvy({ port: 0, seedPeople: 50, seed: 7, logLevel: 'silent' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
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

describe('Users & Roles', () => {
  it('opens from the Admin navigation and passes axe', async () => {
    await page.goto(`${ivy.url}/leads`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, ADMIN);
    await page.waitForURL((url) => url.pathname === '/leads');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Users & Roles/ })
      .click();
    await page.waitForURL(/\/admin\/users$/);
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).isVisible()).toBe(true);
    const own = page.getByTestId(`user-row-${ADMIN.email}`);
    await expect.poll(() => own.isVisible()).toBe(true);
    // No way to lock yourself out.
    expect(await own.getByRole('button', { name: /Deactivate/ }).count()).toBe(0);
    expect(await axeProblems(browser, page)).toEqual([]);
  });

  it('keeps the Name column in view when a narrow window scrolls the table sideways', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    try {
      const scroller = page.getByTestId('users-scroll');
      const nameCell = page.getByTestId(`user-row-${ADMIN.email}`).getByRole('cell').first();
      const emailCell = page.getByTestId(`user-row-${ADMIN.email}`).getByRole('cell').nth(1);
      const before = await emailCell.boundingBox();
      await scroller.evaluate((element) => {
        (element as unknown as { scrollLeft: number }).scrollLeft = 400;
      });
      await expect.poll(() => scroller.getAttribute('data-scrolled-x')).toBe('true');
      const scrollerBox = await scroller.boundingBox();
      const after = await emailCell.boundingBox();
      expect(after?.x).toBeLessThan((before?.x ?? 0) - 100);
      expect((await nameCell.boundingBox())?.x).toBeCloseTo(scrollerBox?.x ?? -1, 0);
      await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-users-narrow.png` });
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('creates a user, who then appears in the list', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Full name').fill(NEW_USER.name);
    await dialog.getByLabel('E-mail').fill(NEW_USER.email);
    // Too short first: the message shows next to the field and nothing is sent.
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => dialog.getByText('Use at least 12 characters.').isVisible()).toBe(true);
    await dialog.getByLabel('Password').fill(NEW_USER.password);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-new-user.png` });
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => newUserRow().isVisible()).toBe(true);
    expect(await newUserRow().textContent()).toContain('Admissions officer');
    expect(await newUserRow().textContent()).toContain('Active');
  });

  it('changes the new user’s role', async () => {
    await page.getByRole('combobox', { name: `Role for ${NEW_USER.name}` }).click();
    await page.getByRole('option', { name: 'Admissions manager' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: `Role for ${NEW_USER.name}` }).textContent())
      .toContain('Admissions manager');
    // Reload: the change was saved, not just shown.
    await page.reload();
    await expect
      .poll(() => page.getByRole('combobox', { name: `Role for ${NEW_USER.name}` }).textContent())
      .toContain('Admissions manager');
  });

  it('deactivates the new user after confirmation', async () => {
    await newUserRow()
      .getByRole('button', { name: `Deactivate ${NEW_USER.name}` })
      .click();
    const confirm = page.getByRole('alertdialog', { name: `Deactivate ${NEW_USER.name}?` });
    await confirm.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    await expect.poll(() => newUserRow().textContent()).toContain('Deactivated');
    expect(
      await newUserRow()
        .getByRole('button', { name: /Deactivate/ })
        .count(),
    ).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-users.png` });
  });
});

describe('Audit log', () => {
  it('shows the user.create entry with its details, and passes axe', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Audit log/ })
      .click();
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByLabel('Action').fill('user.create');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'user.create');
    const row = page.getByTestId('audit-row').filter({ hasText: 'user.create' }).first();
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain('Success');
    await row.getByRole('button', { name: /Details of user\.create/ }).click();
    await expect.poll(() => page.locator('table[aria-label="Audit log"] pre').first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/ivy-e2e-audit.png` });
    expect(await axeProblems(browser, page)).toEqual([]);
  });
});

describe('Staff', () => {
  it('sees no Users & Roles link', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const staff = await staffContext.newPage();
      staff.on('pageerror', (error) => pageErrors.push(error.message));
      await staff.goto(`${ivy.url}/sign-in`);
      await signIn(staff, STAFF);
      await staff.waitForURL((url) => url.pathname === '/leads');
      const nav = staff.getByRole('navigation', { name: 'Main' });
      await expect.poll(() => nav.getByRole('link', { name: /Leads/ }).isVisible()).toBe(true);
      expect(await nav.getByRole('link', { name: /Users & Roles/ }).count()).toBe(0);
    } finally {
      await staffContext.close();
    }
  });
});
