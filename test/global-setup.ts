import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase, ensureDatabase } from '@repolens/db';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

/**
 * A fresh database for this test run (migrated once, dropped at the end) on the real PostgreSQL, and a
 * check that the real Redis answers; each test then isolates itself with its own Redis prefix.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = new URL(process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/repolens_test_${randomBytes(4).toString('hex')}`;
  const databaseUrl = base.toString();
  const redisUrl = process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Integration tests need Redis at ${redisUrl} (set TEST_REDIS_URL): ${String(error)}`);
  } finally {
    redis.disconnect();
  }

  await ensureDatabase(databaseUrl);
  const db = createDatabase(databaseUrl);
  await db.migrate();
  await db.close();

  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await dropDatabase(databaseUrl);
  };
}
