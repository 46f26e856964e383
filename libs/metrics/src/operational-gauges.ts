import type { Metrics } from './metrics.js';

/** The job states a queue's depth is reported in (the `state` label). */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueStateCounts = { readonly [TState in (typeof QUEUE_STATES)[number]]: number };

/** Where the gauges read from: the stage queues (BullMQ) and the run history (Postgres). */
export interface OperationalSources {
  /** Keyed by queue name. */
  readonly queues: { depthsByQueue(): Promise<Readonly<Record<string, QueueStateCounts>>> };
  readonly runs: { counts(): Promise<{ active: number; dead: number }> };
}

/**
 * Sets the gauges that describe the whole deployment rather than this process (queue depth per queue and
 * state, active runs, dead-letter size) just before a scrape. Every api and worker process reports the
 * same figures, so aggregate them with max, not sum. A source that cannot be read leaves its gauges as they were.
 */
export async function refreshOperationalGauges(metrics: Metrics, sources: OperationalSources): Promise<void> {
  const [depths, counts] = await Promise.all([sources.queues.depthsByQueue().catch(() => null), sources.runs.counts().catch(() => null)]);
  if (depths !== null) {
    for (const [queue, counts] of Object.entries(depths)) {
      for (const state of QUEUE_STATES) metrics.queueDepth.set({ queue, state }, counts[state]);
    }
  }
  if (counts !== null) {
    metrics.activeRuns.set(counts.active);
    metrics.deadLetterSize.set(counts.dead);
  }
}
