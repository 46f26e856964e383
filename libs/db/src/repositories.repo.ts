import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export interface RepositoryRecord {
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly ref: string | null;
  readonly latestRunId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface RepositoryRow {
  id: string;
  url: string;
  name: string;
  ref: string | null;
  latest_run_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: RepositoryRow): RepositoryRecord => ({
  id: row.id,
  url: row.url,
  name: row.name,
  ref: row.ref,
  latestRunId: row.latest_run_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A repository is one URL at one ref (none meaning the default branch). */
export class RepositoriesRepo {
  constructor(private readonly pool: Pool) {}

  async upsert(input: { url: string; name: string; ref: string | null }): Promise<RepositoryRecord> {
    const { rows } = await this.pool.query<RepositoryRow>(
      `INSERT INTO repositories (id, url, name, ref) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url, (coalesce(ref, ''))) DO UPDATE SET updated_at = now()
       RETURNING *`,
      [randomUUID(), input.url, input.name, input.ref],
    );
    return toRecord(rows[0] as RepositoryRow);
  }

  async get(id: string): Promise<RepositoryRecord | null> {
    const { rows } = await this.pool.query<RepositoryRow>('SELECT * FROM repositories WHERE id = $1', [id]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async list(limit: number): Promise<RepositoryRecord[]> {
    const { rows } = await this.pool.query<RepositoryRow>(
      'SELECT * FROM repositories ORDER BY updated_at DESC LIMIT $1',
      [limit],
    );
    return rows.map(toRecord);
  }

  /** Repositories (any ref) whose clone URL is one of `urls`, compared as `repository_url_key` does (migration 007). */
  async findByUrls(urls: readonly string[]): Promise<RepositoryRecord[]> {
    if (urls.length === 0) return [];
    const { rows } = await this.pool.query<RepositoryRow>(
      `SELECT * FROM repositories
       WHERE repository_url_key(url) = ANY (SELECT repository_url_key(u) FROM unnest($1::text[]) AS u)
       ORDER BY created_at`,
      [urls],
    );
    return rows.map(toRecord);
  }

  async setLatestRun(id: string, runId: string): Promise<void> {
    await this.pool.query('UPDATE repositories SET latest_run_id = $2, updated_at = now() WHERE id = $1', [id, runId]);
  }
}
