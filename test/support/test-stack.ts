import type { AddressInfo } from 'node:net';
import { buildApp, openAppRuntime, type AppDeps } from '@repolens/api';
import type { AppConfig } from '@repolens/config';
import { createLogger, type Logger } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers, type WorkerPool } from '@repolens/worker';
import type { FastifyInstance } from 'fastify';

export interface TestStack {
  readonly config: AppConfig;
  readonly deps: AppDeps;
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly wsUrl: string;
  startWorkers(): Promise<WorkerPool>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  readonly workers: boolean;
  /** Where the API (request logs included) and the workers log; by default the config's level to stdout. */
  readonly log?: Logger;
}

/** The real API on a random port, with real Postgres and Redis, and optionally in-process workers. */
export async function startTestStack(config: AppConfig, options: TestStackOptions = { workers: true }): Promise<TestStack> {
  const log = options.log ?? createLogger('test', config.logLevel);
  const runtime = await openAppRuntime(config, log);
  const app = await buildApp(runtime.deps, options.log === undefined ? {} : { loggerInstance: options.log });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const pools: WorkerPool[] = [];
  const launch = async (): Promise<WorkerPool> => {
    const pool = await startWorkers({ config, log, db: runtime.deps.db, metrics: createMetrics('worker') });
    pools.push(pool);
    return pool;
  };
  if (options.workers) await launch();
  return {
    config,
    deps: runtime.deps,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    startWorkers: launch,
    async close() {
      await app.close();
      await Promise.all(pools.map((pool) => pool.close()));
      await runtime.close();
    },
  };
}
