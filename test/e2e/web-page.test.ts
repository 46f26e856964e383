import type { RepositoryDetail, RunView } from '@repolens/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLanguageModel, type FakeLanguageModelServer, type ReceivedRequest } from '../../libs/pipeline/src/answer/testing/openai-compatible-server.js';
import { createFixtureRepository, largeProject, smallProject } from '../support/fixture-repository.js';
import { getJson } from '../support/http.js';
import type { TestStack } from '../support/test-stack.js';
import { CHROMIUM_PATH, completedStages, hasChromium, logSeqs, openPage, screenshot, startPageStack, waitForOverview } from './support/browser.js';

/** The fake model streams its answer in pieces, slowly enough that the page is seen mid-answer. */
function citingAnswer(request: ReceivedRequest) {
  const prompt = request.body.messages.at(-1)?.content ?? '';
  const first = /--- passage 1: (\S+:\d+-\d+)/.exec(prompt)?.[1] ?? 'nothing';
  return { kind: 'answer', pieces: ['The delay ', 'doubles with ', 'each attempt, ', `capped at maxMs (see \`${first}\`).`], pauseMs: 250 } as const;
}

/** The in-process workers' WORKER_NAME, which the analysis view names on each stage they ran. */
const WORKER = 'worker-e2e';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('the web page in a real browser', () => {
  let fake: FakeLanguageModelServer;
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeLanguageModel({ fallback: citingAnswer });
    ({ stack, browser } = await startPageStack({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-coder', LLM_MAX_RETRIES: '0', WORKER_NAME: WORKER }));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await fake?.close();
  });

  it('goes from a pasted URL through all five stages to the code and a cited, streamed answer', async () => {
    const fixture = createFixtureRepository(smallProject());
    const page = await openPage(browser);
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: 'Analyse a repository' }).waitFor();

    // Inline validation before anything is sent.
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.getByText('Paste the URL of a Git repository.').waitFor();
    await page.getByLabel('Repository URL').fill('not a url');
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.getByText('That does not look like a repository URL', { exact: false }).waitFor();
    await screenshot(page, '01-home-validation');

    // A token can only be kept once there is one: the box waits for it, and goes back to waiting without it.
    const keepToken = page.getByLabel('Keep this token for automatic re-analysis (webhooks, schedules)');
    expect(await keepToken.isDisabled()).toBe(true);
    await page.getByLabel('Access token').fill('ghp_example');
    expect(await keepToken.isEnabled()).toBe(true);
    await keepToken.check();
    await screenshot(page, '21-home-keep-token');
    await page.getByLabel('Access token').fill('');
    expect(await keepToken.isDisabled()).toBe(true);
    expect(await keepToken.isChecked()).toBe(false);

    await page.getByLabel('Repository URL').fill(fixture.url);
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.waitForFunction(completedStages(5), undefined, { timeout: 120_000 });
    await page.getByText('Analysis complete: the assistant is ready.').waitFor();
    expect(await page.locator('.stage').evaluateAll((stages) => stages.map((stage) => stage.getAttribute('data-stage')))).toEqual([
      'initialization',
      'metadata',
      'structure',
      'code_analysis',
      'embedding',
    ]);
    // Each completed stage names the worker that ran it.
    await page.locator('.stage[data-stage="embedding"] .stage__worker', { hasText: `on ${WORKER}` }).waitFor();
    expect(await page.locator('.stage--completed .stage__worker').allTextContents()).toEqual(Array(5).fill(`on ${WORKER}`));
    await page.locator('.event-log summary').click();
    const seqs = await logSeqs(page);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    await screenshot(page, '02-analysis-complete');

    // A token kept for re-syncs is said to be kept (never shown), and can be forgotten after a confirmation.
    const repositoryId = new URL(page.url()).searchParams.get('repository') ?? '';
    await stack.deps.repositoryTokens.remember(repositoryId, 'ghp_kept_secret');
    await page.reload();
    await page.getByText('Access token kept').waitFor();
    expect(await page.content()).not.toContain('ghp_kept_secret');
    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByText('Forget the kept token?').waitFor();
    await screenshot(page, '22-forget-token-confirm');
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByRole('button', { name: 'Forget it' }).click();
    await page.getByText('Access token forgotten.').waitFor();
    expect(await stack.deps.repositoryTokens.get(repositoryId)).toBeNull();
    expect((await getJson<RepositoryDetail>(`${stack.baseUrl}/api/repositories/${repositoryId}`)).body.hasStoredToken).toBe(false);
    await page.reload();
    await page.locator('.stage--completed').first().waitFor();
    expect(await page.getByText('Access token kept').count()).toBe(0);

    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await waitForOverview(page, 'Retry Kit');
    await page.getByText('MIT', { exact: true }).waitFor();
    await page.locator('.chart__legend').first().waitFor();
    await screenshot(page, '03-overview');

    await page.getByRole('link', { name: 'Code', exact: true }).click();
    await page.getByRole('treeitem', { name: 'src', exact: true }).click();
    await page.getByRole('treeitem', { name: 'retry.ts', exact: true }).click();
    await page.getByRole('heading', { name: 'src/retry.ts' }).waitFor();
    expect(await page.locator('.code__line').count()).toBe(18);
    expect(await page.locator('#L4 .code__text').textContent()).toContain('export function computeRetryDelay');
    // The outline lists the file's symbols from the analysis.
    await page.locator('.outline__name', { hasText: 'computeRetryDelay' }).waitFor();
    // Colours arrive once the grammar has loaded.
    await page.locator('#L4 .code__text span').first().waitFor();
    await screenshot(page, '04-code-viewer');

    await page.getByLabel('Your question').fill('How is the retry delay computed?');
    await page.getByLabel('Your question').press('Enter');
    // Seen mid-answer: part of the text, still streaming, before the answer is complete.
    const streaming = page.locator('.exchange[data-status="streaming"]');
    await streaming.waitFor();
    const partial = (await streaming.locator('.exchange__answer').textContent()) ?? '';
    expect(partial).toContain('The delay');
    expect(partial).not.toContain('capped at maxMs');
    await page.locator('.exchange[data-status="done"]').waitFor();
    await screenshot(page, '05-chat-answer');

    const citation = page.locator('.exchange[data-status="done"] .citations a.citation', { hasText: 'src/retry.ts' }).first();
    const cited = (await citation.textContent()) ?? '';
    const [, start, end] = /:(\d+)-(\d+)$/.exec(cited) ?? [];
    await citation.click();
    await page.locator('.code__line--marked').first().waitFor();
    const marked = await page.locator('.code__line--marked').evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-line'))));
    expect(marked[0]).toBe(Number(start));
    expect(marked.at(-1)).toBe(Number(end));
    expect(new URL(page.url()).searchParams.get('lines')).toBe(`${start}-${end}`);
    expect(await page.locator('#L4').isVisible()).toBe(true);
    await screenshot(page, '06-citation-highlighted');

    // The conversation is kept for the repository across a reload.
    await page.reload();
    await page.locator('.exchange[data-status="done"]').waitFor();

    // Home lists it as ready; the same URL again opens the finished analysis at once.
    await page.getByRole('link', { name: 'RepoLens', exact: true }).click();
    await page.locator('.recent__item', { hasText: 'Ready' }).first().waitFor();
    await page.getByLabel('Repository URL').fill(fixture.url);
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.getByText('This commit was analysed before').waitFor();
    await waitForOverview(page, 'Retry Kit');
    await screenshot(page, '07-already-analysed');
    await page.close();
  }, 300_000);

  it('resumes the feed after a reload in the middle of an analysis, with no line twice', async () => {
    const fixture = createFixtureRepository(largeProject(160));
    const page = await openPage(browser);
    await page.goto(stack.baseUrl);
    await page.getByLabel('Repository URL').fill(fixture.url);
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.waitForFunction(completedStages(2), undefined, { timeout: 120_000 });
    await screenshot(page, '08-analysis-running');
    const runId = new URL(page.url()).searchParams.get('run');
    expect(runId).not.toBeNull();
    const before = (await getJson<RunView>(`${stack.baseUrl}/api/runs/${runId}`)).body;
    expect(before.status).toBe('running');

    await page.reload();
    // Right after the reload the page shows where the run is, not an empty timeline.
    await page.waitForFunction(completedStages(2), undefined, { timeout: 30_000 });
    await page.waitForFunction(completedStages(5), undefined, { timeout: 180_000 });
    await page.locator('.event-log summary').click();
    const seqs = await logSeqs(page);
    const after = (await getJson<RunView>(`${stack.baseUrl}/api/runs/${runId}`)).body;
    expect(seqs).toEqual(Array.from({ length: after.lastSeq }, (_, index) => index + 1));
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
    await screenshot(page, '09-analysis-resumed');
    await page.close();
  }, 300_000);

  it('reads on a phone in dark mode: overview, code and chat without sideways scrolling', async () => {
    const fixture = createFixtureRepository(smallProject());
    const page = await openPage(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
    await page.goto(stack.baseUrl);
    await page.getByLabel('Repository URL').fill(fixture.url);
    await page.getByRole('button', { name: 'Analyse' }).click();
    // Under load the analysis, the lazily loaded views and the README can each take a while: every
    // wait is for the state that matters, with room to spare, and a failure shown on the page fails at once.
    const outcome = page.locator('.outcome--done, .outcome--failed, .outcome--warning').first();
    await outcome.waitFor({ timeout: 240_000 });
    expect(await outcome.textContent()).toContain('Analysis complete: the assistant is ready.');
    const background = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    expect(background).toBe('rgb(15, 18, 23)');

    const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
    // The worker names and the kept-token line fit the phone too.
    const repositoryId = new URL(page.url()).searchParams.get('repository') ?? '';
    await stack.deps.repositoryTokens.remember(repositoryId, 'ghp_kept_secret');
    await page.reload();
    await page.getByText('Access token kept').waitFor();
    await page.locator('.stage--completed .stage__worker').first().waitFor();
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, '23-phone-dark-analysis');

    await page.getByRole('link', { name: 'Overview', exact: true }).click({ timeout: 60_000 });
    await waitForOverview(page, 'Retry Kit');
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, '10-phone-dark-overview');

    await page.getByRole('link', { name: 'Code', exact: true }).click();
    await page.getByLabel('Find a symbol').fill('computeRetryDelay', { timeout: 120_000 });
    await page.getByLabel('Find a symbol').press('Enter');
    await page.locator('.code__line--marked').first().waitFor({ timeout: 120_000 });
    expect(await page.locator('.code__line--marked').count()).toBe(4);
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, '11-phone-dark-code');
    await page.close();
  }, 300_000);
});
