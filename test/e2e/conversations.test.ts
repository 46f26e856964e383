import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { analyse } from '../support/resync.js';
import type { TestStack } from '../support/test-stack.js';
import { CHROMIUM_PATH, hasChromium, openPage, screenshot, startPageStack } from './support/browser.js';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('past conversations in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let repositoryId: string;

  beforeAll(async () => {
    ({ stack, browser } = await startPageStack());
    repositoryId = (await analyse(stack.baseUrl, createFixtureRepository(smallProject()).url)).repositoryId;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const ask = async (page: Page, question: string): Promise<void> => {
    const done = await page.locator('.exchange[data-status="done"]').count();
    await page.getByLabel('Your question').fill(question);
    await page.getByLabel('Your question').press('Enter');
    await page.locator('.exchange[data-status="done"]').nth(done).waitFor({ timeout: 120_000 });
  };
  const questions = (page: Page) => page.locator('.exchange__question').allTextContents();
  const listed = (page: Page) => page.locator('.chat-history__title').allTextContents();

  it('lists the repository’s conversations from the server and reopens one, in this browser or another', async () => {
    const page = await openPage(browser);
    await page.goto(`${stack.baseUrl}/?repository=${repositoryId}&view=overview`);
    await ask(page, 'Where is computeRetryDelay defined?');
    await page.getByRole('button', { name: 'New conversation' }).click();
    await ask(page, 'What does it depend on?');

    // Most recently active first.
    await page.getByText('Past conversations (2)').click();
    expect(await listed(page)).toEqual(['What does it depend on?', 'Where is computeRetryDelay defined?']);
    await page.getByRole('button', { name: /^Where is computeRetryDelay defined\?/ }).click();
    await page.waitForFunction(`document.querySelector('.exchange__question')?.textContent === 'Where is computeRetryDelay defined?'`);
    expect(await questions(page)).toEqual(['Where is computeRetryDelay defined?']);
    expect(await page.locator('.exchange[data-status="done"] .citations a.citation').count()).toBeGreaterThan(0);

    // A follow-up continues that conversation, which moves to the top of the list.
    await ask(page, 'Who calls it?');
    expect(await questions(page)).toEqual(['Where is computeRetryDelay defined?', 'Who calls it?']);
    await page.getByText('Past conversations (2)').click();
    await page.locator('.chat-history__meta', { hasText: '2 questions' }).waitFor();
    expect(await listed(page)).toEqual(['Where is computeRetryDelay defined?', 'What does it depend on?']);
    await screenshot(page, '19-past-conversations');
    await page.close();

    // Another browser (nothing in its storage) lists the same conversations from the server.
    const elsewhere = await openPage(browser, { colorScheme: 'dark' });
    await elsewhere.goto(`${stack.baseUrl}/?repository=${repositoryId}&view=overview`);
    await elsewhere.getByText('Past conversations (2)').click({ timeout: 120_000 });
    await elsewhere.getByRole('button', { name: /^What does it depend on\?/ }).click();
    await elsewhere.locator('.exchange[data-status="done"]').waitFor();
    expect(await questions(elsewhere)).toEqual(['What does it depend on?']);
    await elsewhere.getByText('Past conversations (2)').click();
    await screenshot(elsewhere, '20-past-conversations-dark');
    await elsewhere.close();
  }, 300_000);
});
