import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import {
  GARBAGE_COLLECTION_SCHEDULER_ID,
  MAINTENANCE_JOB_NAMES,
  MAINTENANCE_QUEUE,
  MaintenanceJobPayloadSchema,
  type MaintenanceJobPayload,
} from '@repolens/contracts';

export interface MaintenanceQueueOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
}

// A collection's report is worth a look for a day, a failure for a week; older ones only fill Redis.
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 100 };
const KEEP: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 100 },
  removeOnFail: KEEP_FAILED,
};

/** Producer side of the maintenance queue (garbage collection); the worker side lives in the worker app. */
export class MaintenanceQueue {
  readonly queue: Queue<MaintenanceJobPayload>;

  constructor(options: MaintenanceQueueOptions) {
    this.queue = new Queue(MAINTENANCE_QUEUE.queue, { connection: options.connection, prefix: options.prefix });
  }

  /**
   * Installs (or updates) the one periodic collection. Every worker process calls this at start; the
   * scheduler has a fixed id, so however many do, each tick makes one job.
   */
  async scheduleCollection(everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(
      GARBAGE_COLLECTION_SCHEDULER_ID,
      { every: everyMs },
      { name: MAINTENANCE_JOB_NAMES.collectAll, data: MaintenanceJobPayloadSchema.parse({}), opts: KEEP },
    );
  }

  /**
   * Asks for the repository's runs to be collected soon (after one of them ended). One job per ask, not
   * one per repository: a job already running may have read the runs before this one ended.
   */
  async collectRepository(repositoryId: string): Promise<void> {
    await this.queue.add(MAINTENANCE_JOB_NAMES.collectRepository, MaintenanceJobPayloadSchema.parse({ repositoryId }), {
      removeOnComplete: true,
      removeOnFail: KEEP_FAILED,
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
