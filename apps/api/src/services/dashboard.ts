import { STAGE_NAMES, type Dashboard } from '@repolens/contracts';
import type { AppDeps } from '../app-deps.js';

/** Midnight UTC of `now`'s day: where "today" starts for every viewer, whatever their time zone. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The operator's figures: runs today and now from Postgres, queue depths and workers from BullMQ. */
export async function dashboard(deps: Pick<AppDeps, 'db' | 'queues' | 'config'>, now = new Date()): Promise<Dashboard> {
  const since = startOfUtcDay(now);
  const [figures, depths, workers, processes] = await Promise.all([
    deps.db.runHistory.figures(since),
    deps.queues.depths(),
    deps.queues.workerCounts(),
    deps.queues.workerProcesses(),
  ]);
  const ended = figures.succeeded + figures.failed + figures.timedOut;
  return {
    since: since.toISOString(),
    runs: {
      today: figures.today,
      succeeded: figures.succeeded,
      failed: figures.failed,
      timedOut: figures.timedOut,
      cancelled: figures.cancelled,
      running: figures.running,
      queued: figures.queued,
    },
    // Cancelled runs are a person's choice, not a failure of the service: they count on neither side.
    successRate: ended === 0 ? null : figures.succeeded / ended,
    timeToReady: { averageMs: figures.averageMsToReady, p95Ms: figures.p95MsToReady, runs: figures.readyRuns },
    queues: STAGE_NAMES.map((stage) => ({ stage, queue: deps.config.queues.stages[stage].queue, ...depths[stage], workers: workers[stage] })),
    // Worker processes may be dedicated to some stages, so no one queue's count is the number of processes.
    activeWorkers: processes,
    deadLetter: figures.deadLetter,
  };
}
