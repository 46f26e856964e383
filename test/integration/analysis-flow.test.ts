import { STAGE_NAMES, type ChatResponse, type CreateRepositoryResponse, type FeedMessage, type RepositoryDetail, type SearchResponse } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed, describe as describeMessage } from '../support/feed-client.js';
import { createFixtureRepository, largeProject, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** The expected shape of a whole successful feed: each stage started → progress* → completed, ready, run completed. */
function assertCompleteFeed(messages: FeedMessage[]): void {
  expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
  const milestones = messages.filter((m) => m.type === 'run' || m.status !== 'progress').map(describeMessage).map((d) => d.replace(/^\d+:/, ''));
  expect(milestones).toEqual([
    ...STAGE_NAMES.flatMap((stage) => [`${stage}:started`, `${stage}:completed`]),
    'ready:completed',
    'run:completed',
  ]);
  // Progress events sit inside their own stage's started/completed pair.
  let current: string | null = null;
  for (const message of messages) {
    if (message.type !== 'stage') continue;
    if (message.status === 'started') current = message.stage;
    if (message.status === 'progress') expect(message.stage).toBe(current);
    expect(message.overallProgress).toBeGreaterThanOrEqual(0);
  }
  const overall = messages.flatMap((m) => (m.type === 'stage' ? [m.overallProgress] : []));
  expect([...overall].sort((a, b) => a - b)).toEqual(overall);
  expect(overall.at(-1)).toBe(1);
}

describe('analysing a repository end to end', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('streams every stage in order, becomes ready, and answers with citations', async () => {
    const fixture = createFixtureRepository(smallProject());
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    expect(submitted.status).toBe(202);
    expect(submitted.body.existing).toBe(false);

    const feed = await recordFeed(stack.wsUrl, submitted.body.runId);
    await feed.closed;
    assertCompleteFeed(feed.messages);
    const cloneProgress = feed.messages.find((m) => m.type === 'stage' && m.stage === 'initialization' && m.status === 'completed');
    expect(cloneProgress?.type === 'stage' && cloneProgress.details?.['commitSha']).toBe(fixture.head);

    const detail = await getJson<RepositoryDetail>(`${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}`);
    expect(detail.body.status).toBe('ready');
    expect(detail.body.commitSha).toBe(fixture.head);
    expect(detail.body.latestRun?.stages.map((stage) => stage.status)).toEqual(STAGE_NAMES.map(() => 'completed'));
    expect(detail.body.analysis.metadata?.license?.spdxId).toBe('MIT');
    expect(detail.body.analysis.metadata?.dependencies.map((d) => `${d.name}:${d.kind}`)).toEqual(
      expect.arrayContaining(['undici:runtime', 'vitest:dev']),
    );
    expect(detail.body.analysis.code?.functions).toBeGreaterThanOrEqual(3);

    const search = await getJson<SearchResponse>(
      `${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}/search?q=${encodeURIComponent('how is the retry delay computed?')}&k=5`,
    );
    expect(search.status).toBe(200);
    const top = search.body.results[0];
    expect(top).toMatchObject({ path: 'src/retry.ts', symbol: 'computeRetryDelay' });
    expect(top?.startLine).toBeLessThanOrEqual(4);
    expect(top?.endLine).toBeGreaterThanOrEqual(7);
    expect(search.body.modes).toEqual({ dense: true, lexical: true });

    const chat = await postJson<ChatResponse>(`${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}/chat`, {
      question: 'How is the retry delay computed?',
    });
    expect(chat.status).toBe(200);
    expect(chat.body.answer.toLowerCase()).toContain('no language model is configured');
    expect(chat.body.citations[0]?.path).toBe('src/retry.ts');
    expect(chat.body.answer).toContain('src/retry.ts:');
    expect(chat.body.languageModel).toBeNull();

    const dependents = await postJson<ChatResponse>(`${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}/chat`, {
      question: 'What depends on retry.ts?',
    });
    expect(dependents.body.answer).toContain('`src/retry.ts` is imported by 1 file:\n- `src/http-client.ts`');

    const again = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ existing: true, runId: submitted.body.runId, status: 'completed' });
  });

  it('gives a client that connects mid-run exactly the events it missed, then the live ones', async () => {
    const fixture = createFixtureRepository(largeProject(120));
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const first = await recordFeed(stack.wsUrl, submitted.body.runId);
    const joinedAt = await first.waitFor((m) => m.type === 'stage' && m.stage === 'structure' && m.status === 'completed');
    const after = joinedAt.seq - 2;
    const late = await recordFeed(stack.wsUrl, submitted.body.runId, after);
    // It joined live: the run had not ended when the late client's socket opened.
    expect(first.messages.some((m) => m.type === 'run')).toBe(false);
    await Promise.all([first.closed, late.closed]);

    assertCompleteFeed(first.messages);
    expect(late.messages.map((m) => m.seq)).toEqual(first.messages.filter((m) => m.seq > after).map((m) => m.seq));
    expect(late.messages).toEqual(first.messages.filter((m) => m.seq > after));
  });
});
