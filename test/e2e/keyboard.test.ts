import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { analyse } from '../support/resync.js';
import type { TestStack } from '../support/test-stack.js';
import { CHROMIUM_PATH, focusedElement, hasChromium, openPage, screenshot, startPageStack, tabUntil } from './support/browser.js';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)`);

/** The small project with a folder inside a folder, so Left has a parent to go back to. */
function nestedProject(): Record<string, string> {
  return { ...smallProject(), 'src/util/jitter.ts': 'export function jitter(ms: number): number {\n  return ms * Math.random();\n}\n' };
}

describe.skipIf(!hasChromium)('the web page with the keyboard alone', () => {
  let stack: TestStack;
  let browser: Browser;
  let repositoryId: string;

  beforeAll(async () => {
    ({ stack, browser } = await startPageStack());
    const analysed = await analyse(stack.baseUrl, createFixtureRepository(nestedProject()).url);
    expect(analysed.run.status).toBe('completed');
    repositoryId = analysed.repositoryId;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Presses a key and returns what then has the focus. */
  const press = async (page: Page, key: string) => {
    await page.keyboard.press(key);
    return focusedElement(page);
  };

  it('walks the file tree with the arrow keys, opens a file with Enter, and reaches the line links with Tab', async () => {
    const page = await openPage(browser, { colorScheme: 'dark' });
    await page.goto(`${stack.baseUrl}/?repository=${repositoryId}&view=code`);
    await page.getByRole('tree', { name: 'Files' }).waitFor({ timeout: 120_000 });

    // Tab enters the tree once, at its first row.
    await tabUntil(page, '[role="treeitem"]');
    expect(await focusedElement(page)).toMatchObject({ role: 'treeitem', label: 'src', expanded: 'false', outlineVisible: true });
    expect(await page.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);

    // Right opens the folder, then goes to its first child (folders first); Down walks the rows.
    expect(await press(page, 'ArrowRight')).toMatchObject({ label: 'src', expanded: 'true' });
    expect(await press(page, 'ArrowRight')).toMatchObject({ label: 'util', expanded: 'false' });
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'format.ts' });
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'http-client.ts' });
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'retry.ts' });
    // Left goes to the parent folder, and closes it when pressed again.
    expect(await press(page, 'ArrowLeft')).toMatchObject({ label: 'src', expanded: 'true' });
    expect(await press(page, 'ArrowLeft')).toMatchObject({ label: 'src', expanded: 'false' });
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'LICENSE' });
    expect(await press(page, 'End')).toMatchObject({ label: 'README.md' });
    expect(await press(page, 'Home')).toMatchObject({ label: 'src' });
    // Typing a letter goes to the next row whose name starts with it.
    expect(await press(page, 'p')).toMatchObject({ label: 'package.json' });

    // Into the nested folder and back out, then Enter opens a file.
    await press(page, 'Home');
    await press(page, 'ArrowRight');
    await press(page, 'ArrowRight');
    expect(await press(page, 'ArrowRight')).toMatchObject({ label: 'util', expanded: 'true' });
    expect(await press(page, 'ArrowRight')).toMatchObject({ label: 'jitter.ts' });
    expect(await press(page, 'ArrowLeft')).toMatchObject({ label: 'util' });
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'retry.ts', outlineVisible: true });
    await screenshot(page, '12-keyboard-file-tree');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'src/retry.ts' }).waitFor();
    expect(new URL(page.url()).searchParams.get('file')).toBe('src/retry.ts');
    expect(await focusedElement(page)).toMatchObject({ role: 'treeitem', label: 'retry.ts' });

    // Tab goes on to the line numbers: one stop for the whole file, then the arrow keys move.
    await tabUntil(page, 'a.code__number', { maxPresses: 10 });
    expect(await focusedElement(page)).toMatchObject({ tag: 'a', label: 'Line 1', outlineVisible: true });
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    expect(await press(page, 'ArrowDown')).toMatchObject({ label: 'Line 4', outlineVisible: true });
    await page.getByText('Up and Down move between lines').waitFor();
    await screenshot(page, '13-keyboard-line-link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('lines') === '4');
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    await page.keyboard.press('Shift+Enter');
    await page.waitForURL((url) => url.searchParams.get('lines') === '4-7');
    expect(await page.locator('.code__line--marked').count()).toBe(4);
    expect(await page.locator('a.code__number[tabindex="0"]').count()).toBe(1);

    // Back in the tree, Space opens a file too.
    await tabUntil(page, '[role="treeitem"]', { backwards: true, maxPresses: 10 });
    expect(await focusedElement(page)).toMatchObject({ label: 'retry.ts' });
    await press(page, 'ArrowUp');
    expect(await press(page, 'ArrowUp')).toMatchObject({ label: 'format.ts' });
    await page.keyboard.press(' ');
    await page.getByRole('heading', { name: 'src/format.ts' }).waitFor();
    await page.close();
  }, 300_000);

  it('asks a question, follows a citation and switches views from the keyboard', async () => {
    const page = await openPage(browser);
    await page.goto(`${stack.baseUrl}/?repository=${repositoryId}&view=overview`);
    await page.getByRole('heading', { name: 'Summary', exact: true }).waitFor({ timeout: 120_000 });

    // The view tabs are links in the Tab order; Enter follows one.
    await tabUntil(page, '.view-tabs a[href*="view=code"]');
    expect(await focusedElement(page)).toMatchObject({ label: 'Code', outlineVisible: true });
    await page.keyboard.press('Enter');
    await page.getByRole('tree', { name: 'Files' }).waitFor({ timeout: 120_000 });

    // The question box, then the Ask button; the answer's citations are links in the Tab order.
    await tabUntil(page, '#chat-question');
    await page.keyboard.type('Where is computeRetryDelay defined?');
    await tabUntil(page, '.chat__form button[type="submit"]', { maxPresses: 5 });
    expect(await focusedElement(page)).toMatchObject({ label: 'Ask', outlineVisible: true });
    await page.keyboard.press('Enter');
    await page.locator('.exchange[data-status="done"]').waitFor({ timeout: 120_000 });
    await tabUntil(page, 'a.citation', { backwards: true });
    expect(await focusedElement(page)).toMatchObject({ tag: 'a', outlineVisible: true });
    const cited = (await focusedElement(page))?.label ?? '';
    const [, start, end] = /:(\d+)-(\d+)$/.exec(cited) ?? [];
    await screenshot(page, '14-keyboard-citation');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('lines') === (start === end ? start : `${start}-${end}`));
    await page.locator('.code__line--marked').first().waitFor();
    await page.close();
  }, 300_000);
});
