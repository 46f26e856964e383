import type { CreateRepositoryResponse, RunView } from '@repolens/contracts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, largeProject } from '../support/fixture-repository.js';
import { postJson, waitForRun } from '../support/http.js';
import { configEnv, testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { killWorkerProcesses, spawnWorker } from '../support/worker-process.js';

const stacks: TestStack[] = [];

afterEach(() => {
  killWorkerProcesses();
});
afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
});

describe('interrupted runs', () => {
  it('cancels a running run: it ends cancelled and its stage stops', async () => {
    const stack = await startTestStack(testConfig());
    stacks.push(stack);
    const fixture = createFixtureRepository(largeProject(300));
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const feed = await recordFeed(stack.wsUrl, submitted.body.runId);
    await feed.waitFor((m) => m.type === 'stage' && m.stage === 'embedding' && m.status === 'progress');

    const cancelled = await postJson<RunView>(`${stack.baseUrl}/api/runs/${submitted.body.runId}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await feed.closed;
    expect(feed.messages.at(-2)).toMatchObject({ type: 'stage', stage: 'embedding', status: 'failed', error: { code: 'RUN_CANCELLED' } });
    expect(feed.messages.at(-1)).toMatchObject({ type: 'run', status: 'cancelled' });
    expect(feed.messages.some((m) => m.type === 'stage' && m.stage === 'embedding' && m.status === 'completed')).toBe(false);

    // The worker saw the abort and stopped the stage (it records where it stopped).
    const stopped = await waitForRun(stack.baseUrl, submitted.body.runId, (run) => run.stages[4]?.finishedAt != null);
    expect(stopped.stages[4]).toMatchObject({ stage: 'embedding', status: 'failed', error: { code: 'RUN_CANCELLED' } });
    expect(stopped.status).toBe('cancelled');

    const again = await postJson<{ error: { code: string } }>(`${stack.baseUrl}/api/runs/${submitted.body.runId}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RUN_NOT_CANCELLABLE');
  });

  it('times a stage out: the run ends timed_out with the stage and the reason', async () => {
    const stack = await startTestStack(testConfig({ STAGE_EMBEDDING_TIMEOUT_MS: '150', STAGE_EMBEDDING_RETRIES: '0' }));
    stacks.push(stack);
    const fixture = createFixtureRepository(largeProject(200));
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const feed = await recordFeed(stack.wsUrl, submitted.body.runId);
    await feed.closed;
    expect(feed.messages.at(-2)).toMatchObject({ type: 'stage', stage: 'embedding', status: 'failed', error: { code: 'STAGE_TIMEOUT' } });
    expect(feed.messages.at(-1)).toMatchObject({ type: 'run', status: 'timed_out', error: { code: 'STAGE_TIMEOUT' } });
    const run = await waitForRun(stack.baseUrl, submitted.body.runId, (r) => r.stages[4]?.status === 'failed');
    expect(run).toMatchObject({ status: 'timed_out', error: { code: 'STAGE_TIMEOUT' } });
  });

  it('completes a run whose worker was killed (SIGKILL) in the middle of a stage', async () => {
    const config = testConfig();
    const stack = await startTestStack(config, { workers: false });
    stacks.push(stack);
    const worker = spawnWorker({ ...configEnv(config), WORKER_NAME: 'worker-killed' });
    const fixture = createFixtureRepository(largeProject(300));
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const feed = await recordFeed(stack.wsUrl, submitted.body.runId);
    await feed.waitFor((m) => m.type === 'stage' && m.stage === 'embedding' && m.status === 'progress', 90_000);

    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    spawnWorker({ ...configEnv(config), WORKER_NAME: 'worker-survivor' });

    await feed.closed;
    expect(feed.messages.at(-1)).toMatchObject({ type: 'run', status: 'completed' });
    const run = await waitForRun(stack.baseUrl, submitted.body.runId, (r) => r.status === 'completed');
    // The interrupted stage ran again on the new worker and finished; the stages before it stay the killed worker's.
    expect(run.stages[4]).toMatchObject({ stage: 'embedding', status: 'completed', worker: 'worker-survivor' });
    expect(run.stages[4]?.attempts).toBeGreaterThanOrEqual(2);
    expect(run.stages.slice(0, 4).map((stage) => stage.worker)).toEqual(Array(4).fill('worker-killed'));
    const seqs = feed.messages.map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });
});
