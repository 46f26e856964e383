import { createDatabase, type Database } from '@repolens/db';
import { runEndMessage, stageMessage } from '@repolens/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

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

  it('allows only the moves of the run state machine', async () => {
    const { runId } = await newRun();
    expect(await db.runs.transition(runId, 'completed')).toBe(false); // queued cannot complete
    expect(await db.runs.transition(runId, 'running')).toBe(true);
    expect(await db.runs.transition(runId, 'queued')).toBe(false);
    expect(await db.runs.transition(runId, 'timed_out')).toBe(true);
    for (const to of ['running', 'completed', 'failed', 'cancelled'] as const) expect(await db.runs.transition(runId, to)).toBe(false);
    expect((await db.runs.get(runId))?.status).toBe('timed_out');
  });

  it('keeps one active run per repository', async () => {
    const { repositoryId } = await newRun();
    expect(await db.runs.create({ repositoryId, ref: null, trigger: 'interactive' })).toBeNull();
  });

  it('ends a run with its events in one step, naming the stage that was running, and skips the rest', async () => {
    const ids = await newRun();
    await db.runs.transition(ids.runId, 'running');
    await db.runs.stageStarted(ids.runId, 'initialization');
    await db.runs.stageFinished(ids.runId, 'initialization', { status: 'completed', message: 'ok' });
    await db.runs.stageStarted(ids.runId, 'metadata');
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
    expect(await db.runs.stageStarted(ids.runId, 'initialization')).toBe(1);
    expect(await db.runs.stageFinished(ids.runId, 'initialization', { status: 'completed', message: 'ok' })).toBe(true);
    expect(await db.runs.stageStarted(ids.runId, 'initialization')).toBeNull();

    expect(await db.runs.stageStarted(ids.runId, 'metadata')).toBe(1);
    await db.runs.end(ids.runId, 'cancelled', { events: () => [] });
    expect(await db.runs.stageFinished(ids.runId, 'metadata', { status: 'completed', message: 'too late' })).toBe(false);
    expect(await db.runs.stageFinished(ids.runId, 'metadata', { status: 'failed', message: 'Cancelled' })).toBe(true);
  });
});
