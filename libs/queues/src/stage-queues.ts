import { setTimeout } from 'node:timers/promises';
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import {
  RUN_PRIORITIES,
  STAGE_NAMES,
  StageJobPayloadSchema,
  stageJobId,
  type RunTrigger,
  type StageJobPayload,
  type StageName,
  type StageQueueSpec,
} from '@repolens/contracts';

export interface StageQueuePolicy extends StageQueueSpec {
  readonly attempts: number;
}

export interface QueueDepth {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** How long a retry waits for the failed job's worker to let go of it, and how often it looks. */
const REQUEUE_WAIT_MS = 5_000;
const REQUEUE_POLL_MS = 100;

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

  /**
   * Adds the stage's job for a run; adding the same run and stage twice is a no-op (deduplicated by id).
   * The run's trigger sets the job's priority, so every stage of an interactive run goes before re-syncs.
   */
  async enqueue(stage: StageName, payload: StageJobPayload, options: { trigger: RunTrigger }): Promise<void> {
    const data = StageJobPayloadSchema.parse(payload);
    await this.queues[stage].add(stage, data, {
      ...this.jobOptions(stage),
      priority: RUN_PRIORITIES[options.trigger],
      jobId: stageJobId(data.runId, stage),
    });
  }

  /**
   * Adds a stage's job again, for a retried run. The job that failed for good is kept for inspection and
   * its id would deduplicate the new one away, so it is removed first, once its worker has let go of it.
   */
  async requeue(stage: StageName, payload: StageJobPayload, options: { trigger: RunTrigger }): Promise<void> {
    const data = StageJobPayloadSchema.parse(payload);
    const previous = await this.queues[stage].getJob(stageJobId(data.runId, stage));
    if (previous !== undefined) {
      // The worker that failed it may still be winding up (the run ends before the job is marked failed).
      for (let waited = 0; waited < REQUEUE_WAIT_MS && (await previous.getState()) === 'active'; waited += REQUEUE_POLL_MS) {
        await setTimeout(REQUEUE_POLL_MS);
      }
      await previous.remove();
    }
    await this.enqueue(stage, data, options);
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

  /**
   * Jobs waiting, active, delayed and failed per stage (metrics and dashboards). Jobs with a priority wait
   * in BullMQ's own `prioritized` state; they are counted as waiting.
   */
  async depths(): Promise<Record<StageName, QueueDepth>> {
    const entries = await Promise.all(
      STAGE_NAMES.map(async (stage) => {
        const counts = await this.queues[stage].getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        const depth: QueueDepth = {
          waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
          active: counts['active'] ?? 0,
          delayed: counts['delayed'] ?? 0,
          failed: counts['failed'] ?? 0,
        };
        return [stage, depth] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<StageName, QueueDepth>;
  }

  /** The same depths keyed by queue name, as metrics label them. */
  async depthsByQueue(): Promise<Record<string, QueueDepth>> {
    const depths = await this.depths();
    return Object.fromEntries(STAGE_NAMES.map((stage) => [this.options.policies[stage].queue, depths[stage]]));
  }

  /** Worker processes registered on each stage queue now (BullMQ names their connections per queue). */
  async workerCounts(): Promise<Record<StageName, number>> {
    const entries = await Promise.all(STAGE_NAMES.map(async (stage) => [stage, await this.queues[stage].getWorkersCount()] as const));
    return Object.fromEntries(entries) as Record<StageName, number>;
  }

  /**
   * Worker processes registered on any stage queue. A process dedicated to some stages (WORKER_STAGES) is on
   * those queues only, so processes are told apart by name (BullMQ ends a named worker's connection name with
   * `:w:<name>`); processes sharing one name still count as many as the busiest queue has.
   */
  async workerProcesses(): Promise<number> {
    const perQueue = await Promise.all(STAGE_NAMES.map((stage) => this.queues[stage].getWorkers()));
    const names = new Set<string>();
    for (const clients of perQueue) {
      for (const client of clients) {
        const connectionName = client['rawname'] ?? '';
        const marker = connectionName.indexOf(':w:');
        if (marker >= 0) names.add(connectionName.slice(marker + 3));
      }
    }
    return Math.max(names.size, ...perQueue.map((clients) => clients.length));
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
