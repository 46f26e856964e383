import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot } from '../../support/test-config.js';

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
