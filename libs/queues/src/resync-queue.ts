import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import {
  RESYNC_JOB_NAMES,
  RESYNC_QUEUE,
  ResyncJobPayloadSchema,
  deferredPushJobId,
  scheduleSchedulerId,
  type ResyncJobPayload,
} from '@repolens/contracts';

export interface ResyncQueueOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
}

/** What a schedule looks like to BullMQ. */
export interface ScheduleSpec {
  readonly repositoryId: string;
  readonly cron: string;
  readonly timezone: string | null;
}

// A re-sync job only decides whether to start a run; its history is of little use once done.
const KEEP: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
};

/**
 * Producer side of the re-sync queue: one BullMQ job scheduler per scheduled repository, and pushes
 * deferred behind a run in progress. The worker side lives in the worker app.
 */
export class ResyncQueue {
  readonly queue: Queue<ResyncJobPayload>;

  constructor(options: ResyncQueueOptions) {
    this.queue = new Queue(RESYNC_QUEUE.queue, { connection: options.connection, prefix: options.prefix });
  }

  /** Creates or replaces the repository's job scheduler. */
  async upsertSchedule(spec: ScheduleSpec): Promise<void> {
    await this.queue.upsertJobScheduler(
      scheduleSchedulerId(spec.repositoryId),
      { pattern: spec.cron, ...(spec.timezone === null ? { tz: 'UTC' } : { tz: spec.timezone }) },
      { name: RESYNC_JOB_NAMES.scheduled, data: ResyncJobPayloadSchema.parse({ repositoryId: spec.repositoryId }), opts: KEEP },
    );
  }

  /** Removes the repository's job scheduler (and its next, not yet due, job); false when there was none. */
  async removeSchedule(repositoryId: string): Promise<boolean> {
    return this.queue.removeJobScheduler(scheduleSchedulerId(repositoryId));
  }

  /** When each scheduled repository fires next, by repository id (null when BullMQ has not planned it). */
  async nextRuns(): Promise<Map<string, Date | null>> {
    const schedulers = await this.queue.getJobSchedulers(0, -1, true);
    const next = new Map<string, Date | null>();
    for (const scheduler of schedulers) {
      const parsed = ResyncJobPayloadSchema.safeParse(scheduler.template?.data);
      if (parsed.success) next.set(parsed.data.repositoryId, scheduler.next === undefined ? null : new Date(scheduler.next));
    }
    return next;
  }

  /** When the repository's schedule fires next; null when it has no job scheduler (paused or removed). */
  async nextRun(repositoryId: string): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(scheduleSchedulerId(repositoryId));
    return scheduler?.next === undefined ? null : new Date(scheduler.next);
  }

  /**
   * Asks for the repository to be re-analysed once its run in progress has ended. One such job per
   * repository: pushes arriving meanwhile fold into it, since it analyses the branch's head when it runs.
   */
  async deferPush(repositoryId: string, delayMs: number): Promise<void> {
    await this.queue.add(RESYNC_JOB_NAMES.deferredPush, ResyncJobPayloadSchema.parse({ repositoryId }), {
      ...KEEP,
      jobId: deferredPushJobId(repositoryId),
      delay: delayMs,
      // Kept only until it has run, so the next push during a later run can defer again.
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
