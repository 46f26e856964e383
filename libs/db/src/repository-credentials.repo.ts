import type { Pool } from 'pg';

/** A repository's kept access token, as stored: sealed (see TokenCipher), never in plain text. */
export interface SealedRepositoryToken {
  readonly sealed: string;
  readonly storedAt: Date;
}

/** Access tokens kept for repositories' re-syncs; sealing and opening them is the caller's (libs/realtime). */
export class RepositoryCredentialsRepo {
  constructor(private readonly pool: Pool) {}

  /** Keeps `sealed` for the repository, replacing a token kept before; returns when it was stored. */
  async put(repositoryId: string, sealed: string): Promise<Date> {
    const { rows } = await this.pool.query<{ stored_at: Date }>(
      `INSERT INTO repository_credentials (repository_id, sealed_token) VALUES ($1, $2)
       ON CONFLICT (repository_id) DO UPDATE SET sealed_token = EXCLUDED.sealed_token, stored_at = now()
       RETURNING stored_at`,
      [repositoryId, sealed],
    );
    return (rows[0] as { stored_at: Date }).stored_at;
  }

  async get(repositoryId: string): Promise<SealedRepositoryToken | null> {
    const { rows } = await this.pool.query<{ sealed_token: string; stored_at: Date }>(
      'SELECT sealed_token, stored_at FROM repository_credentials WHERE repository_id = $1',
      [repositoryId],
    );
    const row = rows[0];
    return row === undefined ? null : { sealed: row.sealed_token, storedAt: row.stored_at };
  }

  /** When the kept token was stored; null when none is kept. */
  async storedAt(repositoryId: string): Promise<Date | null> {
    const { rows } = await this.pool.query<{ stored_at: Date }>('SELECT stored_at FROM repository_credentials WHERE repository_id = $1', [
      repositoryId,
    ]);
    return rows[0]?.stored_at ?? null;
  }

  /** Deletes the kept token; false when there was none. */
  async remove(repositoryId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM repository_credentials WHERE repository_id = $1', [repositoryId]);
    return (rowCount ?? 0) > 0;
  }
}
