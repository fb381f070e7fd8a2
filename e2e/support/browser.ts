import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

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
