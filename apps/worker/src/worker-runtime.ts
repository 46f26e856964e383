import type { AppConfig } from '@repolens/config';
import type { Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import type { Metrics } from '@repolens/metrics';
import type { PipelineSettings } from '@repolens/pipeline';
import { MaintenanceQueue, ResyncQueue, StageQueues } from '@repolens/queues';
import { EventPublisher, RepositoryTokens, RunCredentials, TokenCipher, createRedis, loadTokenKey } from '@repolens/realtime';
import { startMaintenanceWorker } from './maintenance/maintenance-worker.js';
import { createStageRegistry } from './stages.js';
import { startResyncWorker } from './runtime/resync-worker.js';
import { startWorkerPool, type WorkerPool } from './runtime/worker-pool.js';

export function pipelineSettings(config: AppConfig): PipelineSettings {
  return config.pipeline;
}

/**
 * Starts the workers of the stages this process takes (WORKER_STAGES, by default all) on the given database
 * and metrics; used by the worker process and by tests and benchmarks that embed workers. Returns a handle
 * that closes what it opened.
 */
export async function startWorkers(input: { config: AppConfig; log: Logger; db: Database; metrics: Metrics }): Promise<WorkerPool> {
  const { config, db, metrics } = input;
  // Every line this worker writes (each stage's included) says which worker wrote it.
  const log = input.log.child({ worker: config.worker.name });
  const cipher = new TokenCipher(await loadTokenKey({ configuredKey: config.tokenEncryptionKey, dataDir: config.pipeline.dataDir }));
  const redis = createRedis(config.redis.url, 'repolens-worker');
  const settings = pipelineSettings(config);
  const queues = new StageQueues({
    connection: redis,
    prefix: config.redis.prefix,
    policies: config.queues.stages,
    retryBackoffMs: config.queues.retryBackoffMs,
  });
  const maintenance = new MaintenanceQueue({ connection: redis, prefix: config.redis.prefix });
  const deps = {
    config,
    settings,
    log,
    db,
    redis,
    publisher: new EventPublisher(db, redis, config.redis.prefix),
    queues,
    credentials: new RunCredentials(redis, config.redis.prefix, cipher),
    repositoryTokens: new RepositoryTokens(db.repositoryCredentials, cipher),
    maintenance,
    metrics,
  };
  // The embedding cache lives in Postgres, so workers on every machine share it.
  const pool = await startWorkerPool(deps, createStageRegistry(settings, { embeddingCache: db.embeddingCache }));
  // Schedule ticks and deferred pushes become runs here, so they are worked wherever stages are.
  const resync = new ResyncQueue({ connection: redis, prefix: config.redis.prefix });
  const resyncWorker = await startResyncWorker(deps, resync);
  // Old runs' checkouts and indexes, and unused cached vectors, are collected wherever stages are worked.
  const maintenanceWorker = await startMaintenanceWorker(deps, maintenance);
  return {
    workers: pool.workers,
    serveMetrics: (address) => pool.serveMetrics(address),
    async close() {
      await pool.close();
      await resyncWorker.close();
      await resync.close();
      await maintenanceWorker.close();
      await maintenance.close();
      await queues.close();
      redis.disconnect();
    },
  };
}
