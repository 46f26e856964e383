import { RUN_STATUSES, type RunStatus } from '@repolens/contracts';
import { createDatabase, type Database } from '@repolens/db';
import { runEndMessage, runResumedMessage, stageMessage } from '@repolens/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

/** SPEC §2's run state machine, written out pair by pair: every other move must be refused. */
const LEGAL_MOVES = new Set([
  'queued→running',
  'queued→cancelled',
  'queued→failed',
  'running→completed',
  'running→failed',
  'running→cancelled',
  'running→timed_out',
  'failed→running',
  'timed_out→running',
]);

/** A legal way to bring a fresh (queued) run to each status. */
const PATHS: Record<RunStatus, RunStatus[]> = {
  queued: [],
  running: ['running'],
  completed: ['running', 'completed'],
  failed: ['running', 'failed'],
  cancelled: ['cancelled'],
  timed_out: ['running', 'timed_out'],
};

describe('run state in PostgreSQL', () => {
  let db: Database;

  beforeAll(() => {
    db = createDatabase(inject('databaseUrl'));
  });
  afterAll(async () => {
    await db.close();
  });

  async function newRun(): Promise<{ runId: string; repositoryId: string }> {
    const repository = await db.repositories.upsert({ url: `file:///state-test/${Math.random()}`, name: 'state-test', ref: null });
    const runId = await db.runs.create({ repositoryId: repository.id, ref: null, trigger: 'interactive' });
    if (runId === null) throw new Error('a fresh repository has no active run');
    return { runId, repositoryId: repository.id };
  }

  it.each(RUN_STATUSES.flatMap((from) => RUN_STATUSES.map((to) => [from, to] as const)))(
    'stores the move %s → %s only if the state machine allows it',
    async (from, to) => {
      const { runId } = await newRun();
      for (const step of PATHS[from]) expect(await db.runs.transition(runId, step)).toBe(true);
      expect(await db.runs.status(runId)).toBe(from);
      const legal = LEGAL_MOVES.has(`${from}→${to}`);
      expect(await db.runs.transition(runId, to)).toBe(legal);
      expect(await db.runs.status(runId)).toBe(legal ? to : from);
    },
  );

  async function failAtMetadata(ids: { runId: string; repositoryId: string }, status: 'failed' | 'timed_out' = 'failed'): Promise<void> {
    await db.runs.transition(ids.runId, 'running');
    await db.runs.stageStarted(ids.runId, 'initialization', 'worker-a');
    await db.runs.stageFinished(ids.runId, 'initialization', { status: 'completed', message: 'Cloned' });
    await db.runs.stageStarted(ids.runId, 'metadata', 'worker-a');
    const error = { code: 'STAGE_TIMEOUT', message: 'too slow' } as const;
    await db.runs.stageFinished(ids.runId, 'metadata', { status: 'failed', message: 'too slow', error });
    await db.runs.end(ids.runId, status, {
      error,
      events: () => [stageMessage(ids, { stage: 'metadata', status: 'failed', progress: 0, message: 'too slow', error }), runEndMessage(ids, status, 'failed', error)],
    });
  }

  it('resumes a failed run from its failed stage: finished stages kept, the rest pending again, the feed continued', async () => {
    const ids = await newRun();
    await db.repositories.setLatestRun(ids.repositoryId, ids.runId);
    await failAtMetadata(ids, 'timed_out');

    const outcome = await db.runs.resume(ids.runId, (from) => [runResumedMessage(ids, `from ${from}`)]);
    expect(outcome).toMatchObject({ resumed: true, from: 'metadata' });
    expect(outcome.resumed && outcome.events.map((m) => [m.seq, m.type === 'run' ? m.status : m.stage])).toEqual([[3, 'running']]);

    const run = await db.runs.get(ids.runId);
    expect(run).toMatchObject({ status: 'running', error: null, finishedAt: null, lastSeq: 3 });
    expect(run?.stages.map((s) => [s.stage, s.status, s.attempts])).toEqual([
      ['initialization', 'completed', 1],
      ['metadata', 'pending', 1],
      ['structure', 'pending', 0],
      ['code_analysis', 'pending', 0],
      ['embedding', 'pending', 0],
    ]);
    expect(run?.stages[1]).toMatchObject({ error: null, finishedAt: null, durationMs: null, worker: null });
    expect(run?.stages[0]?.worker).toBe('worker-a');
    // The next attempt of the failed stage counts on from the earlier ones, and names the worker that took it.
    expect(await db.runs.stageStarted(ids.runId, 'metadata', 'worker-b')).toBe(2);
    expect(await db.runs.stageStarted(ids.runId, 'initialization', 'worker-b')).toBeNull();
    expect((await db.runs.get(ids.runId))?.stages.map((s) => s.worker)).toEqual(['worker-a', 'worker-b', null, null, null]);
  });

  it('refuses to resume a run that did not fail, one a newer run superseded, and one whose repository is busy', async () => {
    const running = await newRun();
    await db.runs.transition(running.runId, 'running');
    expect(await db.runs.resume(running.runId, () => [])).toEqual({ resumed: false, reason: 'not_retryable', status: 'running' });

    const superseded = await newRun();
    await failAtMetadata(superseded);
    const newer = await db.runs.create({ repositoryId: superseded.repositoryId, ref: null, trigger: 'reanalyze' });
    if (newer === null) throw new Error('the failed run is not active, so a new one can start');
    await db.repositories.setLatestRun(superseded.repositoryId, newer);
    expect(await db.runs.resume(superseded.runId, () => [])).toEqual({ resumed: false, reason: 'superseded', latestRunId: newer });

    // The newer run is still queued: even named the latest, the old one cannot become a second active run.
    await db.repositories.setLatestRun(superseded.repositoryId, superseded.runId);
    expect(await db.runs.resume(superseded.runId, () => [])).toEqual({ resumed: false, reason: 'repository_busy' });
    expect(await db.runs.status(superseded.runId)).toBe('failed');
    expect(await db.events.listAfter(superseded.runId, 0)).toHaveLength(2);

    expect(await db.runs.resume('00000000-0000-4000-8000-000000000000', () => [])).toEqual({ resumed: false, reason: 'not_found' });
  });

  it('keeps one active run per repository', async () => {
    const { repositoryId } = await newRun();
    expect(await db.runs.create({ repositoryId, ref: null, trigger: 'interactive' })).toBeNull();
  });

  it('ends a run with its events in one step, naming the stage that was running, and skips the rest', async () => {
    const ids = await newRun();
    await db.runs.transition(ids.runId, 'running');
    await db.runs.stageStarted(ids.runId, 'initialization', 'worker-a');
    await db.runs.stageFinished(ids.runId, 'initialization', { status: 'completed', message: 'ok' });
    await db.runs.stageStarted(ids.runId, 'metadata', 'worker-a');
    const stored = await db.runs.end(ids.runId, 'cancelled', {
      events: (running) => [
        stageMessage(ids, { stage: running?.stage ?? 'initialization', status: 'failed', progress: 0, message: 'Cancelled' }),
        runEndMessage(ids, 'cancelled', 'cancelled'),
      ],
    });
    expect(stored?.map((m) => [m.seq, m.type === 'stage' ? m.stage : m.status])).toEqual([
      [1, 'metadata'],
      [2, 'cancelled'],
    ]);
    const run = await db.runs.get(ids.runId);
    expect(run?.stages.map((s) => s.status)).toEqual(['completed', 'running', 'skipped', 'skipped', 'skipped']);
    // Ending twice does nothing and writes nothing.
    expect(await db.runs.end(ids.runId, 'failed', { events: () => [runEndMessage(ids, 'failed', 'late')] })).toBeNull();
    expect(await db.events.listAfter(ids.runId, 0)).toHaveLength(2);
  });

  it('never starts a completed stage again, and refuses a completion after the run was cancelled', async () => {
    const ids = await newRun();
    await db.runs.transition(ids.runId, 'running');
    expect(await db.runs.stageStarted(ids.runId, 'initialization', 'worker-a')).toBe(1);
    expect(await db.runs.stageFinished(ids.runId, 'initialization', { status: 'completed', message: 'ok' })).toBe(true);
    expect(await db.runs.stageStarted(ids.runId, 'initialization', 'worker-a')).toBeNull();

    expect(await db.runs.stageStarted(ids.runId, 'metadata', 'worker-a')).toBe(1);
    await db.runs.end(ids.runId, 'cancelled', { events: () => [] });
    expect(await db.runs.stageFinished(ids.runId, 'metadata', { status: 'completed', message: 'too late' })).toBe(false);
    expect(await db.runs.stageFinished(ids.runId, 'metadata', { status: 'failed', message: 'Cancelled' })).toBe(true);
  });
});
