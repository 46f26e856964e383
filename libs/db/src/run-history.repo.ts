import type { ErrorCode, RunStatus, RunView, StageName } from '@repolens/contracts';
import type { Pool } from 'pg';
import { toRunView, type RunRow, type StageRow } from './runs.repo.js';

export interface RunFilter {
  readonly statuses?: readonly RunStatus[] | undefined;
  /** Runs whose execution of this stage failed. */
  readonly failedStage?: StageName | undefined;
  readonly errorCode?: ErrorCode | undefined;
}

export interface RunPage {
  readonly runs: RunView[];
  readonly total: number;
  readonly nextCursor: string | null;
}

/** Where a page ends: the last run's creation time (in microseconds, as stored) and id. */
interface Cursor {
  readonly createdMicros: string;
  readonly id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this API handed out.');
    this.name = 'InvalidCursorError';
  }
}

/** Runs today and now, as the dashboard shows them; times in milliseconds. */
export interface RunFigures {
  readonly today: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly cancelled: number;
  readonly running: number;
  readonly queued: number;
  readonly deadLetter: number;
  readonly readyRuns: number;
  readonly averageMsToReady: number | null;
  readonly p95MsToReady: number | null;
}

/** Read-only questions over many runs: the filtered, paged list (dead-letter view) and the dashboard figures. */
export class RunHistoryRepo {
  constructor(private readonly pool: Pool) {}

  /** Runs matching `filter`, newest first, each with its stage executions; keyset-paged so retries or new runs never shift a page. */
  async list(filter: RunFilter, page: { cursor?: string | undefined; limit: number }): Promise<RunPage> {
    const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
    const where = `($1::text[] IS NULL OR r.status = ANY($1::text[]))
      AND ($2::text IS NULL OR r.error_code = $2)
      AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM stage_executions s WHERE s.run_id = r.id AND s.stage = $3 AND s.status = 'failed'))`;
    const filterValues = [filter.statuses === undefined ? null : [...filter.statuses], filter.errorCode ?? null, filter.failedStage ?? null];

    const [{ rows }, counted] = await Promise.all([
      this.pool.query<RunRow & { created_micros: string }>(
        `SELECT r.*, (extract(epoch FROM r.created_at) * 1000000)::bigint::text AS created_micros FROM runs r
         WHERE ${where}
           AND ($4::bigint IS NULL OR (r.created_at, r.id) < (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
         ORDER BY r.created_at DESC, r.id DESC LIMIT $6`,
        [...filterValues, after?.createdMicros ?? null, after?.id ?? null, page.limit + 1],
      ),
      this.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM runs r WHERE ${where}`, filterValues),
    ]);
    const shown = rows.slice(0, page.limit);
    const stages = await this.stagesOf(shown.map((row) => row.id));
    const last = shown.at(-1);
    return {
      runs: shown.map((row) => toRunView(row, stages.get(row.id) ?? [])),
      total: counted.rows[0]?.total ?? 0,
      nextCursor: rows.length > page.limit && last !== undefined ? encodeCursor({ createdMicros: last.created_micros, id: last.id }) : null,
    };
  }

  /** Counts and times since `since` (runs submitted, runs ended by outcome, time to ready), and runs in progress now. */
  async figures(since: Date): Promise<RunFigures> {
    const { rows } = await this.pool.query<{
      today: number;
      succeeded: number;
      failed: number;
      timed_out: number;
      cancelled: number;
      running: number;
      queued: number;
      dead_letter: number;
      ready_runs: number;
      average_ms: number | null;
      p95_ms: number | null;
    }>(
      `WITH ready AS (
         SELECT extract(epoch FROM finished_at - created_at)::float8 * 1000 AS ms FROM runs
         WHERE status = 'completed' AND finished_at >= $1
       )
       SELECT
         count(*) FILTER (WHERE created_at >= $1)::int AS today,
         count(*) FILTER (WHERE finished_at >= $1 AND status = 'completed')::int AS succeeded,
         count(*) FILTER (WHERE finished_at >= $1 AND status = 'failed')::int AS failed,
         count(*) FILTER (WHERE finished_at >= $1 AND status = 'timed_out')::int AS timed_out,
         count(*) FILTER (WHERE finished_at >= $1 AND status = 'cancelled')::int AS cancelled,
         count(*) FILTER (WHERE status = 'running')::int AS running,
         count(*) FILTER (WHERE status = 'queued')::int AS queued,
         count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS dead_letter,
         (SELECT count(*)::int FROM ready) AS ready_runs,
         (SELECT avg(ms) FROM ready) AS average_ms,
         (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) FROM ready) AS p95_ms
       FROM runs`,
      [since],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('the figures query returned no row');
    return {
      today: row.today,
      succeeded: row.succeeded,
      failed: row.failed,
      timedOut: row.timed_out,
      cancelled: row.cancelled,
      running: row.running,
      queued: row.queued,
      deadLetter: row.dead_letter,
      readyRuns: row.ready_runs,
      averageMsToReady: row.average_ms === null ? null : Math.round(row.average_ms),
      p95MsToReady: row.p95_ms === null ? null : Math.round(row.p95_ms),
    };
  }

  private async stagesOf(runIds: string[]): Promise<Map<string, StageRow[]>> {
    const byRun = new Map<string, StageRow[]>();
    if (runIds.length === 0) return byRun;
    const { rows } = await this.pool.query<StageRow & { run_id: string }>(
      'SELECT * FROM stage_executions WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, position',
      [runIds],
    );
    for (const row of rows) {
      const list = byRun.get(row.run_id) ?? [];
      list.push(row);
      byRun.set(row.run_id, list);
    }
    return byRun;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdMicros}.${cursor.id}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const [createdMicros, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (rest.length > 0 || createdMicros === undefined || id === undefined || !/^\d{1,18}$/.test(createdMicros) || !UUID.test(id)) {
    throw new InvalidCursorError();
  }
  return { createdMicros, id };
}
