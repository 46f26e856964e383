import type { AppConfig } from '@repolens/config';
import type { CreateRepositoryResponse, ErrorBody, FeedMessage, RunList, RunView } from '@repolens/contracts';
import { createLogger } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers, type WorkerPool } from '@repolens/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describe as describeMessage, recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/**
 * Workers of the same deployment (same database, Redis prefix and data directory) whose code analysis
 * cannot finish within its time limit: a run times out at that stage after two attempts.
 */
function tooShortCodeAnalysis(config: AppConfig): AppConfig {
  return testConfig({
    REDIS_PREFIX: config.redis.prefix,
    DATA_DIR: config.pipeline.dataDir,
    STAGE_CODE_ANALYSIS_TIMEOUT_MS: '1',
    STAGE_CODE_ANALYSIS_RETRIES: '1',
  });
}

describe('failed runs: the dead-letter view and retry', () => {
  let stack: TestStack;
  let slowWorkers: WorkerPool;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
    slowWorkers = await startWorkers({ config: tooShortCodeAnalysis(stack.config), log: createLogger('test', 'silent'), db: stack.deps.db, metrics: createMetrics('worker') });
  });
  afterAll(async () => {
    await slowWorkers.close();
    await stack.close();
  });

  it('lists a timed-out run with its stage attempts and errors, then resumes it from that stage to ready', async () => {
    const fixture = createFixtureRepository(smallProject());
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const { runId } = submitted.body;
    const firstFeed = await recordFeed(stack.wsUrl, runId);
    await firstFeed.closed;
    expect(firstFeed.messages.at(-1)).toMatchObject({ type: 'run', status: 'timed_out', error: { code: 'STAGE_TIMEOUT' } });

    // The dead-letter view: failed and timed-out runs, each stage with its attempts, duration and error.
    const deadLetter = await getJson<RunList>(`${stack.baseUrl}/api/runs?status=failed,timed_out&stage=code_analysis&code=STAGE_TIMEOUT`);
    expect(deadLetter.status).toBe(200);
    const listed = deadLetter.body.runs.find((run) => run.id === runId);
    expect(listed).toMatchObject({ status: 'timed_out', error: { code: 'STAGE_TIMEOUT' } });
    expect(listed?.stages.map((stage) => [stage.stage, stage.status, stage.attempts])).toEqual([
      ['initialization', 'completed', 1],
      ['metadata', 'completed', 1],
      ['structure', 'completed', 1],
      ['code_analysis', 'failed', 2],
      ['embedding', 'skipped', 0],
    ]);
    expect(listed?.stages[3]?.error?.code).toBe('STAGE_TIMEOUT');
    expect(listed?.stages[0]?.durationMs).toEqual(expect.any(Number));
    // Filters that do not match leave it out.
    for (const query of ['status=completed', 'stage=embedding', 'code=CLONE_FAILED', 'errorCode=REPOSITORY_NOT_FOUND']) {
      const other = await getJson<RunList>(`${stack.baseUrl}/api/runs?${query}`);
      expect(other.body.runs.map((run) => run.id)).not.toContain(runId);
    }

    // The operator raises the limit (new workers) and retries: only the stage that timed out runs again.
    await slowWorkers.close();
    await stack.startWorkers();
    const lastSeq = firstFeed.messages.at(-1)?.seq ?? 0;
    const retried = await postJson<RunView>(`${stack.baseUrl}/api/runs/${runId}/retry`, {});
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'running', error: null, finishedAt: null });
    const secondFeed = await recordFeed(stack.wsUrl, runId, lastSeq);
    await secondFeed.closed;

    const milestones = secondFeed.messages.filter((m) => m.type === 'run' || m.status !== 'progress').map(describeMessage);
    expect(milestones.map((d) => d.replace(/^\d+:/, ''))).toEqual([
      'run:running',
      'code_analysis:started',
      'code_analysis:completed',
      'embedding:started',
      'embedding:completed',
      'ready:completed',
      'run:completed',
    ]);
    expect(secondFeed.messages[0]?.seq).toBe(lastSeq + 1);
    const started = secondFeed.messages.find((m) => m.type === 'stage' && m.stage === 'code_analysis' && m.status === 'started');
    expect(started?.type === 'stage' && started.message).toContain('attempt 3');

    const done = (await getJson<RunView>(`${stack.baseUrl}/api/runs/${runId}`)).body;
    expect(done.status).toBe('completed');
    expect(done.stages.map((stage) => [stage.stage, stage.status, stage.attempts])).toEqual([
      ['initialization', 'completed', 1],
      ['metadata', 'completed', 1],
      ['structure', 'completed', 1],
      ['code_analysis', 'completed', 3],
      ['embedding', 'completed', 1],
    ]);
    const search = await getJson<{ results: Array<{ path: string }> }>(
      `${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}/search?q=${encodeURIComponent('computeRetryDelay')}&k=3`,
    );
    expect(search.body.results[0]?.path).toBe('src/retry.ts');

    // A client replaying from the start gets one feed with no gap, past the old failure, to the end.
    const replay = await recordFeed(stack.wsUrl, runId, 0);
    await replay.closed;
    const whole: FeedMessage[] = [...firstFeed.messages, ...secondFeed.messages];
    expect(replay.messages).toEqual(whole);
    expect(whole.map((m) => m.seq)).toEqual(whole.map((_, index) => index + 1));

    const dead = await getJson<RunList>(`${stack.baseUrl}/api/runs?status=failed,timed_out&limit=100`);
    expect(dead.body.runs.map((run) => run.id)).not.toContain(runId);

    const again = await postJson<ErrorBody>(`${stack.baseUrl}/api/runs/${runId}/retry`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RUN_NOT_RETRYABLE');
  });

  it('pages through runs newest first without repeating or skipping one', async () => {
    // The run's database holds the runs of every test file before this one: list them all in pages of 100 first.
    const listAll = async (limit: number): Promise<{ ids: string[]; created: number[]; total: number }> => {
      const ids: string[] = [];
      const created: number[] = [];
      let total = 0;
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${cursor}`;
        const page: { status: number; body: RunList } = await getJson<RunList>(`${stack.baseUrl}/api/runs?${query}`);
        expect(page.status).toBe(200);
        expect(page.body.runs.length).toBeLessThanOrEqual(limit);
        total = page.body.total;
        ids.push(...page.body.runs.map((run) => run.id));
        created.push(...page.body.runs.map((run) => Date.parse(run.createdAt)));
        cursor = page.body.nextCursor;
      } while (cursor !== null && ids.length <= total);
      return { ids, created, total };
    };
    const reference = await listAll(100);
    expect(reference.ids.length).toBe(reference.total);
    expect(reference.total).toBeGreaterThan(0);
    const paged = await listAll(2);
    expect(paged.total).toBe(reference.total);
    expect(paged.ids).toEqual(reference.ids);
    expect([...reference.created].sort((a, b) => b - a)).toEqual(reference.created);
  });

  it('refuses bad filters, a forged cursor, an unknown run and a cancelled run', async () => {
    for (const query of ['status=broken', 'stage=linking', 'code=NO_SUCH_CODE', 'limit=0', 'limit=101', 'cursor=bm90LWEtY3Vyc29y', 'code=CLONE_FAILED&errorCode=STAGE_TIMEOUT']) {
      const response = await getJson<ErrorBody>(`${stack.baseUrl}/api/runs?${query}`);
      expect({ query, status: response.status, code: response.body.error.code }).toEqual({ query, status: 400, code: 'VALIDATION_ERROR' });
    }
    const unknown = await postJson<ErrorBody>(`${stack.baseUrl}/api/runs/00000000-0000-4000-8000-000000000000/retry`, {});
    expect(unknown.status).toBe(404);

    // A cancelled run was stopped on purpose: it is not a failure to retry.
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: createFixtureRepository(smallProject()).url });
    expect((await postJson<RunView>(`${stack.baseUrl}/api/runs/${submitted.body.runId}/cancel`, {})).body.status).toBe('cancelled');
    const refused = await postJson<ErrorBody>(`${stack.baseUrl}/api/runs/${submitted.body.runId}/retry`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'RUN_NOT_RETRYABLE', message: expect.stringContaining('cancelled') });
  });
});
