import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@repolens/config';
import { createDatabase, ensureDatabase } from '@repolens/db';
import { createLogger } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers } from './worker-runtime.js';

/** The worker process: configuration, connections, the stage workers, a metrics endpoint, shutdown. */
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const config = loadConfig(process.env, { rootDir });
  const log = createLogger('worker', config.logLevel);
  await ensureDatabase(config.db.url);
  const db = createDatabase(config.db.url);
  await db.migrate();
  const metrics = createMetrics('worker');
  const pool = await startWorkers({ config, log, db, metrics });

  const metricsServer = await pool.serveMetrics({ host: config.http.host, port: config.queues.workerMetricsPort });
  log.info({ worker: config.worker.name, stages: config.worker.stages, metrics: metricsServer.port }, 'worker ready');

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing the stages in hand');
    await pool.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`repolens worker failed to start: ${message}\n`);
  process.exit(1);
});
