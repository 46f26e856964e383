/** Turns a failed connection at start-up into the sentence a person needs: what is missing and how to get it. */
export function describeStartupFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  const text = error instanceof Error ? error.message : String(error);
  const port = /:(\d+)\b/.exec(text)?.[1];
  if (code === 'ECONNREFUSED' && port === '6379') {
    return `cannot reach Redis at port 6379 (${text}). Start it with: redis-server --daemonize yes (apt-get install redis-server), or set REDIS_URL.`;
  }
  if (code === 'ECONNREFUSED' && port === '5432') {
    return `cannot reach PostgreSQL at port 5432 (${text}). Install and start it (apt-get install postgresql; pg_ctlcluster <version> main start), or set DATABASE_URL.`;
  }
  if (code === 'ECONNREFUSED') return `a backing service refused the connection (${text}). Check REDIS_URL and DATABASE_URL.`;
  return error instanceof Error ? (error.stack ?? error.message) : text;
}
