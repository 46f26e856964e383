import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '@repolens/config';
import { inject } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Configuration for one test: the run's fresh database, a Redis prefix and data directory of its own,
 * short locks so a killed worker's stage is picked up within seconds, and no retry delay.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig(
    {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: `rltest-${randomBytes(4).toString('hex')}`,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'repolens-data-')),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      REPOLENS_MODE: 'local',
      RETRY_BACKOFF_MS: '200',
      WORKER_LOCK_MS: '4000',
      WORKER_STALLED_CHECK_MS: '1000',
      PROGRESS_THROTTLE_MS: '100',
      ...env,
    },
    { rootDir: repoRoot },
  );
}

/** The same configuration as environment variables, for a worker started as a separate process. */
export function configEnv(config: AppConfig): Record<string, string> {
  return {
    DATABASE_URL: config.db.url,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    DATA_DIR: config.pipeline.dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    REPOLENS_MODE: 'local',
    RETRY_BACKOFF_MS: String(config.queues.retryBackoffMs),
    WORKER_LOCK_MS: String(config.queues.lockMs),
    WORKER_STALLED_CHECK_MS: String(config.queues.stalledCheckMs),
    PROGRESS_THROTTLE_MS: String(config.queues.progressThrottleMs),
    WORKER_METRICS_PORT: '0',
  };
}
