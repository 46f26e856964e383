import type { Pool } from 'pg';

export interface IndexRebuildKey {
  readonly repositoryId: string;
  readonly commitSha: string;
  readonly modelId: string;
  readonly dimension: number;
}

/** Rebuilds of indexes for a change of embedding model: one per repository, commit and model. */
export class IndexRebuildsRepo {
  constructor(private readonly pool: Pool) {}

  /** The run whose embedding stage wrote the index at `indexPath`, if any. */
  async runOfIndex(indexPath: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ run_id: string }>(
      "SELECT run_id FROM stage_results WHERE stage = 'embedding' AND result->>'indexPath' = $1 LIMIT 1",
      [indexPath],
    );
    return rows[0]?.run_id ?? null;
  }

  /** Records that a rebuild is asked for; false when one was already asked for (by any process). */
  async claim(key: IndexRebuildKey): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO index_rebuilds (repository_id, commit_sha, model_id, dimension) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [key.repositoryId, key.commitSha, key.modelId, key.dimension],
    );
    return rowCount === 1;
  }

  async setRun(key: IndexRebuildKey, runId: string): Promise<void> {
    await this.pool.query(
      'UPDATE index_rebuilds SET run_id = $5 WHERE repository_id = $1 AND commit_sha = $2 AND model_id = $3 AND dimension = $4',
      [key.repositoryId, key.commitSha, key.modelId, key.dimension, runId],
    );
  }
}
