import { ReadinessSchema, type CreateRepositoryResponse, type Dashboard } from '@repolens/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson, waitForRun } from '../support/http.js';
import { configEnv, testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js';

describe('workers dedicated to some stages', () => {
  let stack: TestStack | undefined;

  afterAll(async () => {
    killWorkerProcesses();
    await stack?.close();
  });

  it('moves a run between two worker processes through the queues, each stage naming the worker that ran it', async () => {
    const config = testConfig();
    stack = await startTestStack(config, { workers: false });
    const early = await startWorkerProcess({ ...configEnv(config), WORKER_NAME: 'worker-a', WORKER_STAGES: 'initialization,metadata,structure' });

    const fixture = createFixtureRepository(smallProject());
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    const runId = submitted.body.runId;
    const feed = await recordFeed(stack.wsUrl, runId);
    await feed.waitFor((m) => m.type === 'stage' && m.stage === 'structure' && m.status === 'completed');

    // Worker A takes no code analysis: the run waits there until a worker that does comes.
    const waiting = await waitForRun(stack.baseUrl, runId, (run) => run.stages[2]?.status === 'completed');
    expect(waiting.stages.slice(3).map((stage) => [stage.stage, stage.status, stage.worker])).toEqual([
      ['code_analysis', 'pending', null],
      ['embedding', 'pending', null],
    ]);

    const late = await startWorkerProcess({ ...configEnv(config), WORKER_NAME: 'worker-b', WORKER_STAGES: 'code_analysis,embedding' });
    await feed.closed;
    expect(feed.messages.at(-1)).toMatchObject({ type: 'run', status: 'completed' });

    const run = await waitForRun(stack.baseUrl, runId, (r) => r.status === 'completed');
    expect(run.stages.map((stage) => [stage.stage, stage.status, stage.worker])).toEqual([
      ['initialization', 'completed', 'worker-a'],
      ['metadata', 'completed', 'worker-a'],
      ['structure', 'completed', 'worker-a'],
      ['code_analysis', 'completed', 'worker-b'],
      ['embedding', 'completed', 'worker-b'],
    ]);

    // Both are ready, each consumes only its queues, and the dashboard counts two processes.
    for (const worker of [early, late]) {
      const ready = await fetch(`${worker.baseUrl}/ready`);
      expect(ready.status).toBe(200);
      expect(ReadinessSchema.parse(await ready.json())).toMatchObject({ status: 'ready' });
    }
    const dashboard = await getJson<Dashboard>(`${stack.baseUrl}/api/dashboard`);
    expect(dashboard.body.queues.map((queue) => [queue.stage, queue.workers])).toEqual([
      ['initialization', 1],
      ['metadata', 1],
      ['structure', 1],
      ['code_analysis', 1],
      ['embedding', 1],
    ]);
    expect(dashboard.body.activeWorkers).toBe(2);
  });
});
