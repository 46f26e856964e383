import { Worker, type Job } from 'bullmq';
import { StageJobPayloadSchema, stageJobId, toAppError, type StageName } from '@repolens/contracts';
import { checkReadiness } from '@repolens/db';
import { refreshOperationalGauges } from '@repolens/metrics';
import { createRedis, onCancelRequest } from '@repolens/realtime';
import type { Redis } from 'ioredis';
import { serveMetrics, type MetricsAddress, type MetricsServer } from './metrics-server.js';
import { finishRunFailed } from './run-ending.js';
import { createStageProcessor } from './stage-processor.js';
import type { StageRegistry } from '../stages.js';
import type { WorkerDeps } from './worker-deps.js';

export interface WorkerPool {
  readonly workers: ReadonlyMap<StageName, Worker>;
  /** Serves these workers' Prometheus metrics at `/metrics`; closed with the pool. */
  serveMetrics(address: MetricsAddress): Promise<MetricsServer>;
  close(): Promise<void>;
}

/**
 * One BullMQ worker per stage queue this process takes (WORKER_STAGES), each with its stage's concurrency;
 * cancellations reach the running job.
 */
export async function startWorkerPool(deps: WorkerDeps, stages: StageRegistry): Promise<WorkerPool> {
  const workers = new Map<StageName, Worker>();
  for (const name of deps.config.worker.stages) {
    const policy = deps.config.queues.stages[name];
    const worker = new Worker(policy.queue, createStageProcessor(deps, stages[name]), {
      // BullMQ names the connection and each job's `processedBy` after it, so Redis tells the processes apart too.
      name: deps.config.worker.name,
      connection: deps.redis,
      prefix: deps.config.redis.prefix,
      concurrency: policy.concurrency,
      lockDuration: deps.config.queues.lockMs,
      stalledInterval: deps.config.queues.stalledCheckMs,
      // A stage picked up again after its worker died counts against this, not against its retries.
      maxStalledCount: 2,
    });
    worker.on('error', (err) => deps.log.error({ err, queue: policy.queue }, 'worker error'));
    worker.on('failed', (job, err) => void endRunOfDeadJob(deps, name, job, err));
    workers.set(name, worker);
  }

  const cancelSubscriber: Redis = createRedis(deps.config.redis.url, 'repolens-worker-cancel');
  await onCancelRequest(cancelSubscriber, deps.config.redis.prefix, (runId) => {
    for (const [stage, worker] of workers) {
      if (worker.cancelJob(stageJobId(runId, stage), 'run cancelled')) deps.log.info({ runId, stage }, 'cancelling the running stage');
    }
  });

  await Promise.all([...workers.values()].map((worker) => worker.waitUntilReady()));
  deps.metrics.activeWorkers.reset();
  for (const name of workers.keys()) deps.metrics.activeWorkers.inc({ queue: deps.config.queues.stages[name].queue });

  const servers: MetricsServer[] = [];
  return {
    workers,
    async serveMetrics(address) {
      const refresh = () => refreshOperationalGauges(deps.metrics, { queues: deps.queues, runs: deps.db.runs });
      const server = await serveMetrics({ metrics: deps.metrics, refresh, readiness: () => checkReadiness(deps.db, () => deps.redis.ping()), log: deps.log, address });
      servers.push(server);
      return server;
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      // Finishes the jobs in hand (their locks would otherwise expire and another worker would redo them).
      await Promise.all([...workers.values()].map((worker) => worker.close()));
      cancelSubscriber.disconnect();
    },
  };
}

/**
 * BullMQ can fail a job for good without our processor deciding it (a job that stalled too often, an
 * error before the stage began); the run must still end, or it would stay "running" forever. Ending is
 * idempotent, so this is harmless after the processor has already ended the run itself.
 */
async function endRunOfDeadJob(deps: WorkerDeps, stage: StageName, job: Job | undefined, err: Error): Promise<void> {
  try {
    if (job === undefined || !(await job.isFailed())) return;
    const ids = StageJobPayloadSchema.parse(job.data);
    await finishRunFailed(deps, ids, { stage, error: toAppError(err), log: deps.log.child({ ...ids, stage }) });
  } catch (error) {
    deps.log.error({ err: error, stage }, 'could not end the run of a failed job');
  }
}
