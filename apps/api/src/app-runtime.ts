import type { AppConfig } from '@repolens/config';
import { createDatabase, ensureDatabase, type Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import { createMetrics, type Metrics } from '@repolens/metrics';
import { createLanguageModel } from '@repolens/pipeline';
import { ResyncQueue, StageQueues } from '@repolens/queues';
import { EventPublisher, RepositoryTokens, RunCredentials, RunEventHub, TokenCipher, createRedis, loadTokenKey } from '@repolens/realtime';
import type { AppDeps } from './app-deps.js';
import { rebuildIndexForModel } from './services/rebuild-index.js';
import { createRetrieval } from './services/retrieval.js';

export interface AppRuntime {
  readonly deps: AppDeps;
  close(): Promise<void>;
}

/** Opens the API's connections (creating and migrating the database if needed) and builds its deps. */
export async function openAppRuntime(config: AppConfig, log: Logger, metrics: Metrics = createMetrics('api')): Promise<AppRuntime> {
  await ensureDatabase(config.db.url);
  const db: Database = createDatabase(config.db.url);
  await db.migrate();
  const cipher = new TokenCipher(await loadTokenKey({ configuredKey: config.tokenEncryptionKey, dataDir: config.pipeline.dataDir }));
  const redis = createRedis(config.redis.url, 'repolens-api');
  const subscriber = createRedis(config.redis.url, 'repolens-api-feed');
  const queues = new StageQueues({
    connection: redis,
    prefix: config.redis.prefix,
    policies: config.queues.stages,
    retryBackoffMs: config.queues.retryBackoffMs,
  });
  const resync = new ResyncQueue({ connection: redis, prefix: config.redis.prefix });
  const publisher = new EventPublisher(db, redis, config.redis.prefix);
  const credentials = new RunCredentials(redis, config.redis.prefix, cipher);
  const retrieval = createRetrieval({
    dataDir: config.pipeline.dataDir,
    embedding: config.pipeline.embedding,
    log,
    // Noticed while searching; the rebuild is submitted in the background, the search goes on lexically.
    onModelMismatch: (mismatch) => {
      rebuildIndexForModel({ db, queues, publisher, credentials, log }, mismatch).catch((err: unknown) => {
        log.warn({ err, indexPath: mismatch.indexPath }, 'could not submit the rebuild of an index for the configured embedding model');
      });
    },
  });
  const deps: AppDeps = {
    config,
    db,
    redis,
    hub: new RunEventHub(subscriber, config.redis.prefix),
    publisher,
    queues,
    resync,
    credentials,
    repositoryTokens: new RepositoryTokens(db.repositoryCredentials, cipher),
    metrics,
    retrieval,
    languageModel: config.llm === null ? null : createLanguageModel(config.llm),
  };
  return {
    deps,
    async close() {
      await queues.close();
      await resync.close();
      subscriber.disconnect();
      redis.disconnect();
      await db.close();
    },
  };
}
