import { RUN_PRIORITIES, STAGE_NAMES, stageJobId, type CreateRepositoryResponse, type RunView } from '@repolens/contracts';
import { launchRun } from '@repolens/queues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { postJson } from '../support/http.js';
import { runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const ONE_AT_A_TIME = Object.fromEntries(STAGE_NAMES.map((stage) => [`STAGE_${stage.toUpperCase()}_CONCURRENCY`, '1']));
const SCHEDULED_RUNS = 3;

function startedAt(run: RunView, stage: (typeof STAGE_NAMES)[number]): number {
  const started = run.stages.find((execution) => execution.stage === stage)?.startedAt;
  if (started == null) throw new Error(`run ${run.id} never started ${stage}`);
  return Date.parse(started);
}

describe('priorities under load', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(ONE_AT_A_TIME), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('runs an interactive submission before scheduled re-syncs queued ahead of it', async () => {
    const scheduledRunIds: string[] = [];
    for (let i = 0; i < SCHEDULED_RUNS; i += 1) {
      const fixture = createFixtureRepository(smallProject());
      const repository = await stack.deps.db.repositories.upsert({ url: fixture.url, name: `scheduled-${i}`, ref: null });
      // What the scheduler's worker does when a repository's cron fires.
      const launched = await launchRun(stack.deps, { repositoryId: repository.id, ref: null, trigger: 'schedule' });
      if (launched.kind !== 'started') throw new Error('expected a new run');
      scheduledRunIds.push(launched.runId);
    }
    const interactive = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: createFixtureRepository(smallProject()).url });
    expect(interactive.status).toBe(202);

    const initialization = stack.deps.queues.queue('initialization');
    const priorityOf = async (runId: string): Promise<number | undefined> => (await initialization.getJob(stageJobId(runId, 'initialization')))?.priority;
    expect(await priorityOf(interactive.body.runId)).toBe(RUN_PRIORITIES.interactive);
    expect(await priorityOf(scheduledRunIds[0] ?? '')).toBe(RUN_PRIORITIES.schedule);

    // The queue is full before any worker starts; with one job at a time per stage, order is priority's alone.
    await stack.startWorkers();
    const first = await runEnded(stack.baseUrl, interactive.body.runId);
    const scheduled = await Promise.all(scheduledRunIds.map((runId) => runEnded(stack.baseUrl, runId)));
    expect([first, ...scheduled].map((run) => run.status)).toEqual(Array(SCHEDULED_RUNS + 1).fill('completed'));
    expect(scheduled.map((run) => run.trigger)).toEqual(Array(SCHEDULED_RUNS).fill('schedule'));

    for (const run of scheduled) expect(startedAt(first, 'initialization')).toBeLessThan(startedAt(run, 'initialization'));
    // Scheduled runs of equal priority keep their queue order.
    const scheduledStarts = scheduled.map((run) => startedAt(run, 'initialization'));
    expect([...scheduledStarts].sort((a, b) => a - b)).toEqual(scheduledStarts);
  });
});
