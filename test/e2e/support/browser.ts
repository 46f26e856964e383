import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot, testConfig } from '../../support/test-config.js';
import { startTestStack, type TestStack, type TestStackOptions } from '../../support/test-stack.js';

/** Debian's `chromium` package; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** The built page the API serves; `npm test` builds it first. */
export const WEB_DIST_DIR = path.join(repoRoot, 'apps/web/dist');

/** Screenshots land here (git-ignored), for a person to look at after a run. */
export const ARTIFACTS_DIR = path.join(repoRoot, 'test-artifacts/e2e');

/** Playwright adds --headless itself; the rest keep a CI container quiet and offline. */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
}

/** The API serving the built page (with workers unless told otherwise) under `env`, and a headless Chromium. */
export async function startPageStack(env: Record<string, string> = {}, options?: TestStackOptions): Promise<{ stack: TestStack; browser: Browser }> {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) throw new Error('The web page is not built: run `npm run build` first.');
  const stack = await startTestStack(testConfig({ WEB_DIST_DIR, ...env }), options);
  return { stack, browser: await launchChromium() };
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** The seq numbers of the event log's lines, in the order shown. */
export async function logSeqs(page: Page): Promise<number[]> {
  return page.locator('.event-log__line').evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-seq'))));
}

/** A page-side condition (a string, evaluated in the page): at least `count` stages show as done. */
export function completedStages(count: number): string {
  return `document.querySelectorAll('.stage--completed').length >= ${count}`;
}

/** What has the keyboard focus: its role, accessible label or text, state, and whether its focus ring shows. */
export interface FocusedElement {
  readonly tag: string;
  readonly role: string | null;
  readonly label: string;
  readonly expanded: string | null;
  readonly outlineVisible: boolean;
}

/** Page-side code is written as text: the tests are compiled without the DOM's types. */
const FOCUSED_ELEMENT = `(() => {
  const element = document.activeElement;
  if (element === null || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    role: element.getAttribute('role'),
    label: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
    expanded: element.getAttribute('aria-expanded'),
    outlineVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
  };
})()`;

export function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate<FocusedElement | null>(FOCUSED_ELEMENT);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails if it never does. */
export async function tabUntil(page: Page, selector: string, options: { readonly backwards?: boolean; readonly maxPresses?: number } = {}): Promise<void> {
  const maxPresses = options.maxPresses ?? 80;
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press(options.backwards === true ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`${maxPresses} presses of ${options.backwards === true ? 'Shift+Tab' : 'Tab'} never reached ${selector}`);
}

/**
 * Waits for the overview of the small fixture project to show its README. A README that could not be
 * loaded fails at once with the page's own message, rather than as a timeout.
 */
export async function waitForOverview(page: Page, readmeHeading: string): Promise<void> {
  await page.waitForURL((url) => url.searchParams.get('view') === 'overview', { timeout: 60_000 });
  await page.getByRole('heading', { name: 'Summary', exact: true }).waitFor({ timeout: 120_000 });
  const readme = page.locator('.readme');
  await readme.locator('h1, .form-error').first().waitFor({ timeout: 120_000 });
  const readmeError = readme.locator('.form-error');
  if ((await readmeError.count()) > 0) throw new Error(`The README did not load: ${await readmeError.textContent()}`);
  await page.getByRole('heading', { name: readmeHeading }).waitFor({ timeout: 30_000 });
}
