import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import {
  STAGE_NAMES,
  StageJobPayloadSchema,
  stageJobId,
  type StageJobPayload,
  type StageName,
  type StageQueueSpec,
} from '@repolens/contracts';

export interface StageQueuePolicy extends StageQueueSpec {
  readonly attempts: number;
}

export interface StageQueuesOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix: the deployment's Redis prefix, so test runs and deployments never share queues. */
  readonly prefix: string;
  readonly policies: Readonly<Record<StageName, StageQueuePolicy>>;
  readonly retryBackoffMs: number;
}

/** Typed producers for the stage queues: the only place jobs are added. */
export class StageQueues {
  private readonly queues: Record<StageName, Queue>;

  constructor(private readonly options: StageQueuesOptions) {
    this.queues = Object.fromEntries(
      STAGE_NAMES.map((stage) => [
        stage,
        new Queue(options.policies[stage].queue, { connection: options.connection, prefix: options.prefix }),
      ]),
    ) as Record<StageName, Queue>;
  }

  /** Adds the stage's job for a run; adding the same run and stage twice is a no-op (deduplicated by id). */
  async enqueue(stage: StageName, payload: StageJobPayload, options: { priority?: number } = {}): Promise<void> {
    const data = StageJobPayloadSchema.parse(payload);
    await this.queues[stage].add(stage, data, { ...this.jobOptions(stage), ...options, jobId: stageJobId(data.runId, stage) });
  }

  /** Removes a run's waiting or delayed jobs (cancellation); an active job is aborted through its worker. */
  async removeWaiting(runId: string): Promise<void> {
    await Promise.all(
      STAGE_NAMES.map(async (stage) => {
        const job = await this.queues[stage].getJob(stageJobId(runId, stage));
        if (job !== undefined && ((await job.isWaiting()) || (await job.isDelayed()))) await job.remove().catch(() => undefined);
      }),
    );
  }

  /** Jobs waiting, active, delayed and failed per stage (metrics and dashboards). */
  async depths(): Promise<Record<StageName, Record<string, number>>> {
    const entries = await Promise.all(
      STAGE_NAMES.map(async (stage) => [stage, await this.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'failed')] as const),
    );
    return Object.fromEntries(entries) as Record<StageName, Record<string, number>>;
  }

  queue(stage: StageName): Queue {
    return this.queues[stage];
  }

  async close(): Promise<void> {
    await Promise.all(STAGE_NAMES.map((stage) => this.queues[stage].close()));
  }

  private jobOptions(stage: StageName): JobsOptions {
    return {
      attempts: this.options.policies[stage].attempts,
      backoff: { type: 'exponential', delay: this.options.retryBackoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }
}
