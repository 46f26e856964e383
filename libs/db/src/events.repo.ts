import { FeedMessageSchema, type FeedMessage, type UnsequencedFeedMessage } from '@repolens/contracts';
import type { Pool } from 'pg';
import type { Queryable } from './queryable.js';

/** The durable, ordered event log of every run: the source of truth for replay. */
export class EventsRepo {
  constructor(private readonly pool: Pool) {}

  /**
   * Appends an event with the run's next sequence number. Bumping `runs.last_seq` and inserting happen in
   * one statement, so concurrent writers (several workers, an API cancelling) never share or skip a number.
   */
  async append(message: UnsequencedFeedMessage): Promise<FeedMessage> {
    const appended = await this.appendIf(message, false);
    if (appended === null) throw new Error(`run ${message.runId} does not exist`);
    return appended;
  }

  /**
   * Appends only while the run is queued or running; null once it has ended. The check and the sequence
   * bump take the run's row lock, as status changes do, so no stage event can land after the run's end.
   */
  async appendWhileActive(message: UnsequencedFeedMessage): Promise<FeedMessage | null> {
    return this.appendIf(message, true);
  }

  private appendIf(message: UnsequencedFeedMessage, onlyWhileActive: boolean): Promise<FeedMessage | null> {
    return appendEvent(this.pool, message, onlyWhileActive);
  }

  /** Events after `afterSeq`, in order (replay for late and reconnecting clients), a page at a time. */
  async listAfter(runId: string, afterSeq: number, limit = 1_000): Promise<FeedMessage[]> {
    const { rows } = await this.pool.query<{ message: unknown }>(
      'SELECT message FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [runId, afterSeq, limit],
    );
    return rows.map((row) => FeedMessageSchema.parse(row.message));
  }

  /** The run's last sequence number and whether it has ended, or null for an unknown run. */
  async feedState(runId: string): Promise<{ lastSeq: number; ended: boolean } | null> {
    const { rows } = await this.pool.query<{ last_seq: number; ended: boolean }>(
      "SELECT last_seq, status NOT IN ('queued', 'running') AS ended FROM runs WHERE id = $1",
      [runId],
    );
    const row = rows[0];
    return row === undefined ? null : { lastSeq: row.last_seq, ended: row.ended };
  }
}

/**
 * Appends one event with the run's next sequence number, through a pool or inside a transaction.
 * With `onlyWhileActive`, nothing is written once the run has ended.
 */
export async function appendEvent(db: Queryable, message: UnsequencedFeedMessage, onlyWhileActive: boolean): Promise<FeedMessage | null> {
  const { rows } = await db.query<{ message: unknown }>(
    `WITH next AS (
       UPDATE runs SET last_seq = last_seq + 1
       WHERE id = $1 AND (NOT $3 OR status IN ('queued', 'running'))
       RETURNING last_seq
     )
     INSERT INTO run_events (run_id, seq, message)
     SELECT $1, next.last_seq, jsonb_set($2::jsonb, '{seq}', to_jsonb(next.last_seq)) FROM next
     RETURNING message`,
    [message.runId, JSON.stringify(message), onlyWhileActive],
  );
  return rows[0] === undefined ? null : FeedMessageSchema.parse(rows[0].message);
}
