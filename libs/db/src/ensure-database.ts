import pg from 'pg';

/** SQLSTATEs of a CREATE DATABASE that lost to another process creating the same database. */
const CREATED_BY_ANOTHER = new Set(['42P04', '23505']);

/**
 * Creates the database named in `url` when it does not exist yet, so a fresh machine needs no manual
 * `createdb`. Connects to the server's `postgres` database to do so.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (name === '' || name === 'postgres') return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((error: unknown) => {
        // Another process (the api and a worker start together) created it between our check and our
        // create: PostgreSQL says so as duplicate_database, or, when both creates race, as a
        // unique_violation on pg_database's name index.
        if (!CREATED_BY_ANOTHER.has((error as { code?: string }).code ?? '')) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
