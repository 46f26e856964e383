import type { CreateRepositoryResponse } from '@repolens/contracts';
import { createLogger } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers } from '@repolens/worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { postJson } from '../support/http.js';
import { analyse, commitFiles } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import type { TestStack } from '../support/test-stack.js';
import { CHROMIUM_PATH, completedStages, focusedElement, hasChromium, openPage, screenshot, startPageStack, tabUntil, waitForOverview } from './support/browser.js';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)`);

/**
 * The API with no workers of its own: each test starts the workers it needs, so a run fails, or waits,
 * exactly when the test wants it to.
 */
describe.skipIf(!hasChromium)('failures and re-analyses in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    ({ stack, browser } = await startPageStack({}, { workers: false }));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('says which stage failed and why, in plain words, and Retry takes the run on to completion', async () => {
    // Workers of the same deployment whose code analysis cannot finish within its time limit.
    const tooShort = testConfig({
      REDIS_PREFIX: stack.config.redis.prefix,
      DATA_DIR: stack.config.pipeline.dataDir,
      STAGE_CODE_ANALYSIS_TIMEOUT_MS: '1',
      STAGE_CODE_ANALYSIS_RETRIES: '0',
    });
    const failingWorkers = await startWorkers({ config: tooShort, log: createLogger('test', 'silent'), db: stack.deps.db, metrics: createMetrics('worker') });

    const page = await openPage(browser);
    await page.goto(stack.baseUrl);
    await page.getByLabel('Repository URL').fill(createFixtureRepository(smallProject()).url);
    await page.getByRole('button', { name: 'Analyse' }).click();

    const outcome = page.locator('.outcome--failed');
    await outcome.waitFor({ timeout: 180_000 });
    expect(await outcome.locator('.outcome__title').textContent()).toBe('The analysis timed out at the “Analysing the code” stage');
    expect(await outcome.locator('.outcome__reason').textContent()).toBe('Analysing the code took longer than its time limit of 1 ms. STAGE_TIMEOUT');
    expect(await page.locator('.stage--failed').getAttribute('data-stage')).toBe('code_analysis');
    expect(await page.locator('.stage--completed').count()).toBe(3);
    await screenshot(page, '15-run-failed');

    // Workers with the normal limit take over; Retry, pressed from the keyboard, resumes from the failed stage.
    await failingWorkers.close();
    const workers = await stack.startWorkers();
    await tabUntil(page, '.outcome button');
    expect(await focusedElement(page)).toMatchObject({ label: 'Retry from “Analysing the code”', outlineVisible: true });
    await page.keyboard.press('Enter');
    await page.getByText('Analysis complete: the assistant is ready.').waitFor({ timeout: 180_000 });
    await page.waitForFunction(completedStages(5), undefined, { timeout: 30_000 });
    expect(await page.locator('.outcome--failed').count()).toBe(0);
    await screenshot(page, '16-run-retried');
    await workers.close();
    await page.close();
  }, 420_000);

  it('keeps overview, code and chat usable on the previous commit while a re-analysis runs', async () => {
    const fixture = createFixtureRepository(smallProject());
    const firstWorkers = await stack.startWorkers();
    const first = await analyse(stack.baseUrl, fixture.url);
    expect(first.run.status).toBe('completed');
    // No worker takes the re-analysis until the test starts one: it stays queued meanwhile.
    await firstWorkers.close();
    commitFiles(fixture.dir, { 'src/jitter.ts': 'export function jitter(ms: number): number {\n  return ms * Math.random();\n}\n' });
    const again = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${first.repositoryId}/reanalyze`, {});
    expect(again.status).toBe(202);

    const page = await openPage(browser);
    await page.goto(`${stack.baseUrl}/?repository=${first.repositoryId}`);
    // The page opens on the new run's progress, with the other views still open to use.
    await page.locator('.run').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('run')).toBe(again.body.runId);
    await page.getByRole('link', { name: 'Code', exact: true }).click();
    const note = page.locator('.notice', { hasText: 'A new analysis is running.' });
    await note.waitFor({ timeout: 60_000 });
    expect(await note.textContent()).toContain(`commit ${fixture.head.slice(0, 10)}`);

    // The tree and files are the previous commit's: the new file is not there yet.
    await page.getByRole('treeitem', { name: 'src', exact: true }).click({ timeout: 120_000 });
    await page.getByRole('treeitem', { name: 'retry.ts', exact: true }).click();
    await page.getByRole('heading', { name: 'src/retry.ts' }).waitFor();
    expect(await page.getByRole('treeitem', { name: 'jitter.ts', exact: true }).count()).toBe(0);

    // The chat answers from the previous index.
    await page.getByLabel('Your question').fill('Where is computeRetryDelay defined?');
    await page.getByLabel('Your question').press('Enter');
    await page.locator('.exchange[data-status="done"]').waitFor({ timeout: 120_000 });
    await screenshot(page, '17-reanalysis-code');

    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await waitForOverview(page, 'Retry Kit');
    await note.waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '18-reanalysis-overview-dark');

    // Once a worker completes the re-analysis, the page moves on to it by itself.
    await stack.startWorkers();
    await note.waitFor({ state: 'detached', timeout: 180_000 });
    await page.getByRole('link', { name: 'Code', exact: true }).click();
    await page.getByRole('treeitem', { name: 'src', exact: true }).waitFor({ timeout: 60_000 });
    if ((await page.getByRole('treeitem', { name: 'src', exact: true }).getAttribute('aria-expanded')) !== 'true') {
      await page.getByRole('treeitem', { name: 'src', exact: true }).click();
    }
    await page.getByRole('treeitem', { name: 'jitter.ts', exact: true }).waitFor({ timeout: 60_000 });
    await page.close();
  }, 420_000);
});
