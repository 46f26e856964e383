import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@repolens/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

// `npm start` starts the api and a worker together, and on a fresh machine both create the database.
describe('ensureDatabase', () => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/repolens_ensure_${randomBytes(4).toString('hex')}`;
  afterAll(() => dropDatabase(url.toString()));

  it('creates a missing database once, whichever of several processes starting together gets there first', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => ensureDatabase(url.toString())));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(6).fill('fulfilled'));
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
      expect(rows[0]?.name).toBe(url.pathname.slice(1));
    } finally {
      await client.end();
    }
  });
});
