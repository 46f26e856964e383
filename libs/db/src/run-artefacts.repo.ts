import { TERMINAL_RUN_STATUSES, type RunStatus } from '@repolens/contracts';
import type { Pool } from 'pg';

/** What the retention policy needs to know about one run whose checkout or index may still be on disk. */
export interface RunArtefactFacts {
  readonly runId: string;
  readonly repositoryId: string;
  readonly status: RunStatus;
  readonly finishedAt: Date | null;
  /** 1 for the repository's newest finished run, 2 for the one before, …; null while the run is in progress. */
  readonly finishedRank: number | null;
  /** The repository's newest completed run: what search, chat and the explorer answer from. */
  readonly isReady: boolean;
  /** The repository's newest run (the only one that may be retried). */
  readonly isLatest: boolean;
  readonly hasCheckout: boolean;
  readonly hasIndex: boolean;
}

/** Which of a run's artefacts to remove. */
export interface ArtefactRemoval {
  readonly runId: string;
  readonly repositoryId: string;
  readonly checkout: boolean;
  readonly index: boolean;
}

/** When a run's artefacts were removed; null while they are kept. */
export interface RunArtefactsState {
  readonly checkoutRemovedAt: Date | null;
  readonly indexRemovedAt: Date | null;
}

interface FactsRow {
  run_id: string;
  repository_id: string;
  status: RunStatus;
  finished_at: Date | null;
  finished_rank: string | null;
  is_ready: boolean;
  is_latest: boolean;
  has_checkout: boolean;
  has_index: boolean;
}

// A run is protected while it is in progress, is the ready run (the newest completed one, ties included)
// or is the repository's latest run. The same condition guards the marking, so a collection working from
// facts that went stale (a run completed meanwhile) still never marks a run that has become protected.
const PROTECTED_SQL = `(
  r.status <> ALL ($1::text[])
  OR rep.latest_run_id = r.id
  OR (r.status = 'completed' AND r.finished_at >= (
    SELECT max(done.finished_at) FROM runs done WHERE done.repository_id = r.repository_id AND done.status = 'completed'))
)`;

/**
 * Which runs' checkouts and indexes exist and which were removed. The files themselves are the worker's
 * business; this is the record the API reads to answer 410 for a removed run.
 */
export class RunArtefactsRepo {
  constructor(private readonly pool: Pool) {}

  /** Every run (of one repository, or all) with a checkout or index not yet removed. */
  async facts(repositoryId?: string): Promise<RunArtefactFacts[]> {
    const { rows } = await this.pool.query<FactsRow>(
      // Only completed runs count against the retention: a failed or cancelled run has no analysis to keep.
      `WITH finished AS (
         SELECT id, row_number() OVER (PARTITION BY repository_id ORDER BY finished_at DESC, id) AS finished_rank
         FROM runs WHERE status = 'completed' AND ($1::uuid IS NULL OR repository_id = $1)
       )
       SELECT r.id AS run_id, r.repository_id, r.status, r.finished_at, f.finished_rank,
              (r.status = 'completed' AND r.finished_at >= (
                SELECT max(done.finished_at) FROM runs done WHERE done.repository_id = r.repository_id AND done.status = 'completed')
              ) AS is_ready,
              rep.latest_run_id = r.id AS is_latest,
              r.checkout_removed_at IS NULL AS has_checkout,
              r.index_removed_at IS NULL AS has_index
       FROM runs r
       JOIN repositories rep ON rep.id = r.repository_id
       LEFT JOIN finished f ON f.id = r.id
       WHERE (r.checkout_removed_at IS NULL OR r.index_removed_at IS NULL) AND ($1::uuid IS NULL OR r.repository_id = $1)
       ORDER BY r.repository_id, r.created_at DESC`,
      [repositoryId ?? null],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      repositoryId: row.repository_id,
      status: row.status,
      finishedAt: row.finished_at,
      finishedRank: row.finished_rank === null ? null : Number(row.finished_rank),
      isReady: row.is_ready === true,
      isLatest: row.is_latest === true,
      hasCheckout: row.has_checkout,
      hasIndex: row.has_index,
    }));
  }

  /**
   * Records removals before the files go, so the API says "removed" rather than failing on a missing
   * directory. A run that is protected now is left alone. Returns the removals actually recorded (each
   * only with the parts this call marked): the caller deletes exactly those.
   */
  async markRemoved(removals: readonly ArtefactRemoval[]): Promise<ArtefactRemoval[]> {
    if (removals.length === 0) return [];
    const { rows } = await this.pool.query<{ run_id: string; repository_id: string; checkout: boolean; dropped_index: boolean }>(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::boolean[], $4::boolean[]) AS w(run_id, drop_checkout, drop_index)
       ),
       before AS (
         SELECT r.id, r.checkout_removed_at IS NULL AS had_checkout, r.index_removed_at IS NULL AS had_index
         FROM runs r JOIN wanted w ON w.run_id = r.id
         FOR UPDATE OF r
       )
       UPDATE runs r SET
         checkout_removed_at = CASE WHEN w.drop_checkout THEN coalesce(r.checkout_removed_at, now()) ELSE r.checkout_removed_at END,
         index_removed_at = CASE WHEN w.drop_index THEN coalesce(r.index_removed_at, now()) ELSE r.index_removed_at END
       FROM wanted w, before b, repositories rep
       WHERE r.id = w.run_id AND b.id = r.id AND rep.id = r.repository_id AND NOT ${PROTECTED_SQL}
       RETURNING r.id AS run_id, r.repository_id, (w.drop_checkout AND b.had_checkout) AS checkout, (w.drop_index AND b.had_index) AS dropped_index`,
      [[...TERMINAL_RUN_STATUSES], removals.map((removal) => removal.runId), removals.map((removal) => removal.checkout), removals.map((removal) => removal.index)],
    );
    return rows
      .filter((row) => row.checkout || row.dropped_index)
      .map((row) => ({ runId: row.run_id, repositoryId: row.repository_id, checkout: row.checkout, index: row.dropped_index }));
  }

  async state(runId: string): Promise<RunArtefactsState | null> {
    const { rows } = await this.pool.query<{ checkout_removed_at: Date | null; index_removed_at: Date | null }>(
      'SELECT checkout_removed_at, index_removed_at FROM runs WHERE id = $1',
      [runId],
    );
    const row = rows[0];
    return row === undefined ? null : { checkoutRemovedAt: row.checkout_removed_at, indexRemovedAt: row.index_removed_at };
  }

  /**
   * Of directories named after these run ids, which may be deleted: runs that no longer exist (their
   * repository was deleted) and runs whose checkout or index was marked removed. A stage that was still
   * finishing when its run was collected can leave such a directory behind.
   */
  async leftovers(runIds: readonly string[]): Promise<{ checkouts: Set<string>; indexes: Set<string> }> {
    const { rows } = await this.pool.query<{ id: string; exists: boolean; checkout_removed: boolean; index_removed: boolean }>(
      `SELECT w.id, r.id IS NOT NULL AS exists,
              r.checkout_removed_at IS NOT NULL AS checkout_removed, r.index_removed_at IS NOT NULL AS index_removed
       FROM unnest($1::uuid[]) AS w(id) LEFT JOIN runs r ON r.id = w.id`,
      [[...runIds]],
    );
    const checkouts = new Set<string>();
    const indexes = new Set<string>();
    for (const row of rows) {
      if (!row.exists || row.checkout_removed) checkouts.add(row.id);
      if (!row.exists || row.index_removed) indexes.add(row.id);
    }
    return { checkouts, indexes };
  }
}
