import type { Readiness } from '@repolens/contracts';
import { migrationsApplied } from '@repolens/db';
import type { WorkerDeps } from './worker-deps.js';

/** The same checks as the API's `/ready`: a worker that cannot reach Redis or Postgres takes no work. */
export async function workerReadiness(deps: Pick<WorkerDeps, 'db' | 'redis'>): Promise<Readiness> {
  const [postgres, redis] = await Promise.all([
    deps.db.ping(),
    deps.redis.ping().then(
      () => true,
      () => false,
    ),
  ]);
  const migrations = postgres && (await migrationsApplied(deps.db.pool).catch(() => false));
  const ready = postgres && redis && migrations;
  return { status: ready ? 'ready' : 'not_ready', checks: { postgres, redis, migrations } };
}
