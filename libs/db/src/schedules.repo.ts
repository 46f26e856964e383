import type { Pool } from 'pg';

export interface ScheduleRecord {
  readonly repositoryId: string;
  readonly repositoryUrl: string;
  readonly repositoryName: string;
  readonly cron: string;
  readonly timezone: string | null;
  readonly paused: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface ScheduleRow {
  repository_id: string;
  url: string;
  name: string;
  cron: string;
  timezone: string | null;
  paused: boolean;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: ScheduleRow): ScheduleRecord => ({
  repositoryId: row.repository_id,
  repositoryUrl: row.url,
  repositoryName: row.name,
  cron: row.cron,
  timezone: row.timezone,
  paused: row.paused,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const SELECT = `SELECT s.*, r.url, r.name FROM repository_schedules s JOIN repositories r ON r.id = s.repository_id`;

/** Cron re-sync schedules, one per repository; the job schedulers in Redis are derived from these rows. */
export class SchedulesRepo {
  constructor(private readonly pool: Pool) {}

  /** Sets the repository's schedule (a new expression also resumes a paused one). */
  async upsert(input: { repositoryId: string; cron: string; timezone: string | null }): Promise<ScheduleRecord> {
    await this.pool.query(
      `INSERT INTO repository_schedules (repository_id, cron, timezone) VALUES ($1, $2, $3)
       ON CONFLICT (repository_id) DO UPDATE SET cron = $2, timezone = $3, paused = false, updated_at = now()`,
      [input.repositoryId, input.cron, input.timezone],
    );
    return (await this.get(input.repositoryId)) as ScheduleRecord;
  }

  async get(repositoryId: string): Promise<ScheduleRecord | null> {
    const { rows } = await this.pool.query<ScheduleRow>(`${SELECT} WHERE s.repository_id = $1`, [repositoryId]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async list(): Promise<ScheduleRecord[]> {
    const { rows } = await this.pool.query<ScheduleRow>(`${SELECT} ORDER BY s.created_at, s.repository_id`);
    return rows.map(toRecord);
  }

  /** Pauses or resumes; null when the repository has no schedule. */
  async setPaused(repositoryId: string, paused: boolean): Promise<ScheduleRecord | null> {
    const { rowCount } = await this.pool.query(
      'UPDATE repository_schedules SET paused = $2, updated_at = now() WHERE repository_id = $1',
      [repositoryId, paused],
    );
    return rowCount === 0 ? null : this.get(repositoryId);
  }

  /** False when there was none. */
  async remove(repositoryId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM repository_schedules WHERE repository_id = $1', [repositoryId]);
    return rowCount === 1;
  }
}
