import {
  isRetryableRunStatus,
  type FeedMessage,
  type RunStatus,
  type StageName,
  type UnsequencedFeedMessage,
} from '@repolens/contracts';
import type { Pool } from 'pg';
import { appendEvent } from './events.repo.js';
import { isUniqueViolation, type Queryable } from './queryable.js';

/** Why a run could not be resumed. */
export type ResumeRefusal =
  | { readonly reason: 'not_found' }
  /** Only failed and timed-out runs can be retried. */
  | { readonly reason: 'not_retryable'; readonly status: RunStatus }
  /** A newer run of the same repository exists; retrying this one would bring back an older analysis. */
  | { readonly reason: 'superseded'; readonly latestRunId: string }
  /** Another run of the repository is in progress (one active run per repository). */
  | { readonly reason: 'repository_busy' };

export type ResumeOutcome =
  | { readonly resumed: true; readonly from: StageName; readonly events: FeedMessage[] }
  | ({ readonly resumed: false } & ResumeRefusal);

export interface ResumeInput {
  /** The state machine's move back to running (RunsRepo.transition), inside the same transaction. */
  readonly toRunning: (db: Queryable) => Promise<boolean>;
  /** The feed messages saying the run goes on, knowing the stage it resumes from. */
  readonly events: (from: StageName) => UnsequencedFeedMessage[];
}

interface LockedRun {
  status: RunStatus;
  latest_run_id: string | null;
}

/**
 * Resumes a failed or timed-out run from its first unfinished stage, in one transaction: completed stages
 * keep their status and results, the others go back to pending (keeping their attempt counts), the run
 * moves back to running through the state machine, and the events continue the run's own feed.
 */
export async function resumeRun(pool: Pool, runId: string, input: ResumeInput): Promise<ResumeOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const refusal = await refusalFor(client, runId);
    if (refusal !== null) {
      await client.query('ROLLBACK');
      return { resumed: false, ...refusal };
    }
    const { rows } = await client.query<{ stage: StageName }>(
      `SELECT stage FROM stage_executions WHERE run_id = $1
       ORDER BY (status = 'completed'), position LIMIT 1`,
      [runId],
    );
    // Every stage completed (the run failed while finishing): the last one hands over again without rerunning.
    const from = rows[0]?.stage;
    if (from === undefined) throw new Error(`run ${runId} has no stage executions`);
    await client.query(
      `UPDATE stage_executions SET status = 'pending', progress = 0, message = NULL, started_at = NULL, finished_at = NULL,
         duration_ms = NULL, error_code = NULL, error_message = NULL, worker = NULL
       WHERE run_id = $1 AND status <> 'completed'`,
      [runId],
    );
    if (!(await input.toRunning(client))) throw new Error(`run ${runId} could not move back to running`);
    const stored: FeedMessage[] = [];
    for (const message of input.events(from)) {
      const appended = await appendEvent(client, message, true);
      if (appended !== null) stored.push(appended);
    }
    await client.query('COMMIT');
    return { resumed: true, from, events: stored };
  } catch (error) {
    await client.query('ROLLBACK');
    if (isUniqueViolation(error)) return { resumed: false, reason: 'repository_busy' };
    throw error;
  } finally {
    client.release();
  }
}

/** Locks the run's row (status changes and event appends take the same lock) and says why it may not resume. */
async function refusalFor(db: Queryable, runId: string): Promise<ResumeRefusal | null> {
  const { rows } = await db.query<LockedRun>(
    `SELECT r.status, rep.latest_run_id FROM runs r JOIN repositories rep ON rep.id = r.repository_id
     WHERE r.id = $1 FOR UPDATE OF r`,
    [runId],
  );
  const run = rows[0];
  if (run === undefined) return { reason: 'not_found' };
  if (!isRetryableRunStatus(run.status)) return { reason: 'not_retryable', status: run.status };
  if (run.latest_run_id !== null && run.latest_run_id !== runId) return { reason: 'superseded', latestRunId: run.latest_run_id };
  return null;
}
