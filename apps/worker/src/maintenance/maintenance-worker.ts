import { Worker, type Job } from 'bullmq';
import { MAINTENANCE_QUEUE, MaintenanceJobPayloadSchema, type GarbageCollectionReport } from '@repolens/contracts';
import type { MaintenanceQueue } from '@repolens/queues';
import type { WorkerDeps } from '../runtime/worker-deps.js';
import { createGarbageCollector } from './garbage-collector.js';

export interface MaintenanceWorker {
  close(): Promise<void>;
}

/**
 * Works the maintenance queue (garbage collection) and installs its periodic job scheduler. Every worker
 * process runs one; the scheduler's fixed id makes one job per tick, whichever process takes it.
 */
export async function startMaintenanceWorker(deps: WorkerDeps, maintenance: MaintenanceQueue): Promise<MaintenanceWorker> {
  const collector = createGarbageCollector({
    db: deps.db,
    dataDir: deps.settings.dataDir,
    retention: deps.config.retention,
    log: deps.log.child({ queue: MAINTENANCE_QUEUE.queue }),
  });
  const worker = new Worker(
    MAINTENANCE_QUEUE.queue,
    async (job: Job): Promise<GarbageCollectionReport> => {
      const { repositoryId } = MaintenanceJobPayloadSchema.parse(job.data);
      return collector.collect(repositoryId === undefined ? {} : { repositoryId });
    },
    { connection: deps.redis, prefix: deps.config.redis.prefix, concurrency: MAINTENANCE_QUEUE.concurrency },
  );
  worker.on('error', (err) => deps.log.error({ err, queue: MAINTENANCE_QUEUE.queue }, 'worker error'));
  worker.on('failed', (job, err) => deps.log.warn({ err, jobId: job?.id }, 'garbage collection failed'));
  await worker.waitUntilReady();
  await maintenance
    .scheduleCollection(deps.config.retention.intervalSeconds * 1000)
    .catch((err: unknown) => deps.log.warn({ err }, 'could not install the periodic garbage collection'));
  return { close: () => worker.close() };
}
