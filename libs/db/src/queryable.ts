import type { QueryResult, QueryResultRow } from 'pg';

/** A pool or a client inside a transaction: repos take either, so several writes can share one transaction. */
export interface Queryable {
  query<TRow extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<TRow>>;
}

/** PostgreSQL's unique_violation. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}
