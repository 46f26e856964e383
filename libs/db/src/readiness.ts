import type { Readiness } from '@repolens/contracts';
import type { Database } from './database.js';
import { migrationsApplied } from './migrate.js';

/**
 * Readiness as `/ready` reports it on the api and the worker: Postgres and Redis answer and the
 * migrations are applied. Redis is pinged through the caller's client.
 */
export async function checkReadiness(db: Database, pingRedis: () => Promise<unknown>): Promise<Readiness> {
  const [postgres, redis] = await Promise.all([
    db.ping(),
    pingRedis().then(
      () => true,
      () => false,
    ),
  ]);
  const migrations = postgres && (await migrationsApplied(db.pool).catch(() => false));
  const ready = postgres && redis && migrations;
  return { status: ready ? 'ready' : 'not_ready', checks: { postgres, redis, migrations } };
}
