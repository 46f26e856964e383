import { randomUUID } from 'node:crypto';
import {
  STAGE_NAMES,
  runStatusesAllowing,
  type ErrorCode,
  type EventError,
  type FeedStage,
  type RunStatus,
  type RunView,
  type StageExecutionView,
  type StageName,
  type StageStatus,
  type FeedMessage,
  type TerminalRunStatus,
  type UnsequencedFeedMessage,
} from '@repolens/contracts';
import type { Pool } from 'pg';
import { appendEvent } from './events.repo.js';
import { isUniqueViolation, type Queryable } from './queryable.js';
import { resumeRun, type ResumeOutcome } from './run-resume.js';
import { iso, isoRequired } from './rows.js';

export type RunTrigger = RunView['trigger'];

/** The stage running when a run ends, if any. */
export interface RunningStage {
  readonly stage: StageName;
  readonly progress: number;
}

/** A `runs` row as pg returns it (shared with the run history queries). */
export interface RunRow {
  id: string;
  repository_id: string;
  status: RunStatus;
  trigger: RunTrigger;
  ref: string | null;
  commit_sha: string | null;
  current_stage: FeedStage | null;
  overall_progress: number;
  last_seq: number;
  error_code: ErrorCode | null;
  error_message: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface StageRow {
  stage: StageName;
  status: StageStatus;
  attempts: number;
  progress: number;
  message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  worker: string | null;
}

const errorOf = (code: ErrorCode | null, message: string | null): EventError | null =>
  code === null ? null : { code, message: message ?? '' };

const toStageView = (row: StageRow): StageExecutionView => ({
  stage: row.stage,
  status: row.status,
  attempts: row.attempts,
  progress: row.progress,
  message: row.message,
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  durationMs: row.duration_ms,
  error: errorOf(row.error_code, row.error_message),
  worker: row.worker,
});

export const toRunView = (row: RunRow, stages: StageRow[]): RunView => ({
  id: row.id,
  repositoryId: row.repository_id,
  status: row.status,
  trigger: row.trigger,
  ref: row.ref,
  commitSha: row.commit_sha,
  currentStage: row.current_stage,
  overallProgress: row.overall_progress,
  lastSeq: row.last_seq,
  error: errorOf(row.error_code, row.error_message),
  createdAt: isoRequired(row.created_at),
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  stages: stages.map(toStageView),
});

/** Runs and their stage executions. Status changes go through `transition`, which refuses illegal moves. */
export class RunsRepo {
  constructor(private readonly pool: Pool) {}

  /** Creates a queued run with its pending stages; null when the repository already has an active run. */
  async create(input: { repositoryId: string; ref: string | null; trigger: RunTrigger; allowPartial?: boolean }): Promise<string | null> {
    const id = randomUUID();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO runs (id, repository_id, status, trigger, ref, allow_partial) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        input.repositoryId,
        'queued',
        input.trigger,
        input.ref,
        input.allowPartial ?? false,
      ]);
      await client.query(
        `INSERT INTO stage_executions (run_id, stage, position)
         SELECT $1, stage, position FROM unnest($2::text[]) WITH ORDINALITY AS s(stage, position)`,
        [id, [...STAGE_NAMES]],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      if (isUniqueViolation(error)) return null;
      throw error;
    } finally {
      client.release();
    }
    return id;
  }

  async get(id: string): Promise<RunView | null> {
    const { rows } = await this.pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    const run = rows[0];
    if (run === undefined) return null;
    const stages = await this.pool.query<StageRow>('SELECT * FROM stage_executions WHERE run_id = $1 ORDER BY position', [id]);
    return toRunView(run, stages.rows);
  }

  /** Options the submitter chose for the run. */
  async options(id: string): Promise<{ allowPartial: boolean } | null> {
    const { rows } = await this.pool.query<{ allow_partial: boolean }>('SELECT allow_partial FROM runs WHERE id = $1', [id]);
    return rows[0] === undefined ? null : { allowPartial: rows[0].allow_partial };
  }

  async status(id: string): Promise<RunStatus | null> {
    const { rows } = await this.pool.query<{ status: RunStatus }>('SELECT status FROM runs WHERE id = $1', [id]);
    return rows[0]?.status ?? null;
  }

  /** The newest run of a repository that is still queued or running, if any. */
  async findActive(repositoryId: string): Promise<RunView | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      "SELECT id FROM runs WHERE repository_id = $1 AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1",
      [repositoryId],
    );
    return rows[0] === undefined ? null : this.get(rows[0].id);
  }

  /** A completed run at that commit whose index is still kept (a collected one cannot answer anything). */
  async findCompletedAtCommit(repositoryId: string, commitSha: string): Promise<RunView | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM runs WHERE repository_id = $1 AND status = 'completed' AND commit_sha = $2 AND index_removed_at IS NULL
       ORDER BY finished_at DESC LIMIT 1`,
      [repositoryId, commitSha],
    );
    return rows[0] === undefined ? null : this.get(rows[0].id);
  }

  /** Runs still in progress, and runs that failed or timed out (the dead-letter view's size). */
  async counts(): Promise<{ active: number; dead: number }> {
    const { rows } = await this.pool.query<{ active: number; dead: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS active,
              count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS dead FROM runs`,
    );
    return rows[0] ?? { active: 0, dead: 0 };
  }

  /** The repository's newest completed run: the analysis that answers questions while a newer one works. */
  async findLatestCompleted(repositoryId: string): Promise<RunView | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      "SELECT id FROM runs WHERE repository_id = $1 AND status = 'completed' ORDER BY finished_at DESC LIMIT 1",
      [repositoryId],
    );
    return rows[0] === undefined ? null : this.get(rows[0].id);
  }

  /** Moves a run to `to` if the state machine allows it from its current status; false when it did not. */
  async transition(id: string, to: RunStatus, error?: EventError, db: Queryable = this.pool): Promise<boolean> {
    const terminal = to !== 'running';
    const { rowCount } = await db.query(
      `UPDATE runs SET status = $2,
         started_at = CASE WHEN $2 = 'running' THEN coalesce(started_at, now()) ELSE started_at END,
         finished_at = CASE WHEN $3 THEN now() ELSE NULL END,
         overall_progress = CASE WHEN $2 = 'completed' THEN 1 ELSE overall_progress END,
         current_stage = CASE WHEN $2 = 'completed' THEN 'ready' ELSE current_stage END,
         error_code = $4, error_message = $5
       WHERE id = $1 AND status = ANY($6::text[])`,
      [id, to, terminal, error?.code ?? null, error?.message ?? null, runStatusesAllowing(to)],
    );
    return rowCount === 1;
  }

  /**
   * Ends a run and writes the events that say so, in one transaction: the status moves (if the state
   * machine allows), then `events` — built knowing which stage was running at that moment — are appended,
   * and stages never reached are marked skipped. Returns the stored events, or null when the run had
   * already ended. Nothing can be appended between the move and these events, nor after them.
   */
  async end(
    runId: string,
    to: TerminalRunStatus,
    input: { error?: EventError; events: (running: RunningStage | null) => UnsequencedFeedMessage[] },
  ): Promise<FeedMessage[] | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (!(await this.transition(runId, to, input.error, client))) {
        await client.query('ROLLBACK');
        return null;
      }
      const { rows } = await client.query<RunningStage>(
        "SELECT stage, progress FROM stage_executions WHERE run_id = $1 AND status = 'running' ORDER BY position LIMIT 1",
        [runId],
      );
      const stored: FeedMessage[] = [];
      for (const message of input.events(rows[0] ?? null)) {
        const appended = await appendEvent(client, message, false);
        if (appended !== null) stored.push(appended);
      }
      await client.query("UPDATE stage_executions SET status = 'skipped' WHERE run_id = $1 AND status = 'pending'", [runId]);
      await client.query('COMMIT');
      return stored;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Retry: a failed or timed-out run goes back to running from its first unfinished stage, keeping what its
   * completed stages produced; `events` continue its feed. See resumeRun for when it is refused.
   */
  async resume(runId: string, events: (from: StageName) => UnsequencedFeedMessage[]): Promise<ResumeOutcome> {
    return resumeRun(this.pool, runId, { toRunning: (db) => this.transition(runId, 'running', undefined, db), events });
  }

  async setCommit(id: string, commitSha: string, ref: string): Promise<void> {
    await this.pool.query('UPDATE runs SET commit_sha = $2, ref = coalesce(ref, $3) WHERE id = $1', [id, commitSha, ref]);
  }

  async setProgress(id: string, stage: FeedStage, overallProgress: number): Promise<void> {
    await this.pool.query('UPDATE runs SET current_stage = $2, overall_progress = $3 WHERE id = $1', [id, stage, overallProgress]);
  }

  /**
   * Records an attempt starting on `worker` (its name); null when the stage already completed (a job
   * delivered again after its worker died between finishing and acknowledging), which must not run a second time.
   */
  async stageStarted(runId: string, stage: StageName, worker: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ attempts: number }>(
      `UPDATE stage_executions SET status = 'running', attempts = attempts + 1, progress = 0, started_at = now(),
         finished_at = NULL, duration_ms = NULL, error_code = NULL, error_message = NULL, worker = $3
       WHERE run_id = $1 AND stage = $2 AND status <> 'completed' RETURNING attempts`,
      [runId, stage, worker],
    );
    return rows[0]?.attempts ?? null;
  }

  /** Keeps the error of an attempt that will be retried, so the history shows why it took several. */
  async stageAttemptFailed(runId: string, stage: StageName, error: EventError): Promise<void> {
    await this.pool.query('UPDATE stage_executions SET error_code = $3, error_message = $4 WHERE run_id = $1 AND stage = $2', [
      runId,
      stage,
      error.code,
      error.message,
    ]);
  }

  async stageProgress(runId: string, stage: StageName, progress: number, message: string): Promise<void> {
    await this.pool.query('UPDATE stage_executions SET progress = $3, message = $4 WHERE run_id = $1 AND stage = $2', [
      runId,
      stage,
      progress,
      message,
    ]);
  }

  /**
   * Records how a stage attempt ended. A completion counts only while the run is still running (a cancel
   * may have landed as the stage returned); returns whether it was recorded.
   */
  async stageFinished(
    runId: string,
    stage: StageName,
    outcome: { status: 'completed' | 'failed' | 'skipped'; message: string; error?: EventError; summary?: unknown },
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE stage_executions SET status = $3, message = $4,
         progress = CASE WHEN $3 = 'completed' THEN 1 ELSE progress END,
         finished_at = now(),
         duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE (extract(epoch FROM now() - started_at) * 1000)::int END,
         error_code = $5, error_message = $6, output_summary = $7
       WHERE run_id = $1 AND stage = $2
         AND ($3 <> 'completed' OR EXISTS (SELECT 1 FROM runs WHERE id = $1 AND status = 'running'))`,
      [runId, stage, outcome.status, outcome.message, outcome.error?.code ?? null, outcome.error?.message ?? null, outcome.summary ?? null],
    );
    return rowCount === 1;
  }
}
