import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RunningIvy, startIvy } from '@ivy/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = process.env.IVY_SCREENSHOT_DIR ?? '/tmp';
export const DEMO_PASSWORD = 'ivy-demo';

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** The suite serves the built app; build it once if a fresh checkout has none. */
export function ensureWebBuilt() {
  if (!existsSync(`${ROOT}/packages/web/dist/index.html`)) {
    execFileSync('npm', ['run', 'build', '-w', '@ivy/web'], { cwd: ROOT, stdio: 'inherit' });
  }
}

/** Debian's Chromium, headless, without the background networking this closed machine refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signIn(on: Page, credentials: { email: string; password: string }) {
  await on.getByLabel('E-mail').fill(credentials.email);
  await on.getByLabel('Password').fill(credentials.password);
  await on.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Serious and critical accessibility violations of the page `target` is on, as readable lines. The app's CSP
 * (script-src 'self') rightly blocks injected scripts, so axe runs in a second context that bypasses CSP, on the
 * same URL with the same session (a signed-in page is not redirected to sign-in).
 */
export async function axeProblems(browser: Browser, target: Page): Promise<string[]> {
  const axeContext = await browser.newContext({
    viewport: target.viewportSize() ?? undefined,
    bypassCSP: true,
    storageState: await target.context().storageState(),
  });
  try {
    const axePage = await axeContext.newPage();
    await axePage.goto(target.url());
    await axePage.waitForLoadState('networkidle');
    await axePage.addScriptTag({ path: AXE });
    const violations = await axePage.evaluate(async () => {
      const { axe } = globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } };
      return (await axe.run()).violations;
    });
    return (violations as AxeViolation[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await axeContext.close();
  }
}

export type IvyPage = {
  ivy: RunningIvy;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of `page`; a test step should leave it empty. */
  pageErrors: string[];
};

/**
 * Ivy on 1,500 demo people with its start-up work (triage refresh, first model) done, and one signed-out browser
 * page at 1440×900 in British English.
 */
export async function openIvyPage(): Promise<IvyPage> {
  ensureWebBuilt();
  const ivy = await startIvy({ port: 0, seedPeople: 1500, seed: 7, logLevel: 'silent' });
  await ivy.startupWork;
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { ivy, browser, context, page, pageErrors };
}

/** The browser's session cookie, so a test's own API calls see what the signed-in user sees. */
export async function sessionCookieOf(context: BrowserContext, url: string): Promise<string> {
  return (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A JSON call to Ivy's API as the holder of `cookie`: GET, or POST when there is a body. Anything but 200 fails. */
export async function apiCall<T>(baseUrl: string, cookie: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      accept: 'application/json',
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
