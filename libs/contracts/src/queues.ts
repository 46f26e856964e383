import { z } from 'zod';
import { STAGE_NAMES, type StageName } from './stages.js';

/** What every stage job carries. Everything else a stage needs is read from the run's stored results. */
export const StageJobPayloadSchema = z.object({
  runId: z.uuid(),
  repositoryId: z.uuid(),
});
export type StageJobPayload = z.infer<typeof StageJobPayloadSchema>;

export interface StageQueueSpec {
  readonly queue: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly concurrency: number;
}

/** One queue per stage, with SPEC §2's defaults (configuration may override each). */
export const STAGE_QUEUES = {
  initialization: { queue: 'pipeline-initialization', timeoutMs: 300_000, retries: 3, concurrency: 10 },
  metadata: { queue: 'pipeline-metadata', timeoutMs: 180_000, retries: 2, concurrency: 20 },
  structure: { queue: 'pipeline-structure', timeoutMs: 240_000, retries: 2, concurrency: 15 },
  code_analysis: { queue: 'pipeline-code-analysis', timeoutMs: 600_000, retries: 3, concurrency: 5 },
  embedding: { queue: 'pipeline-embedding', timeoutMs: 300_000, retries: 2, concurrency: 3 },
} as const satisfies Record<StageName, StageQueueSpec>;

export type StageQueueName = (typeof STAGE_QUEUES)[StageName]['queue'];

export const RETRY_BACKOFF_BASE_MS = 5_000;

/** Deduplication key: one job per run and stage, so a re-delivered enqueue is a no-op. */
export function stageJobId(runId: string, stage: StageName): string {
  return `${runId}.${stage}`;
}

export function stageOfQueue(queue: string): StageName | undefined {
  return STAGE_NAMES.find((stage) => STAGE_QUEUES[stage].queue === queue);
}

/** Redis channel names, relative to the deployment's key prefix. */
export const CHANNELS = {
  runEvents: (runId: string) => `run-events:${runId}`,
  runCancel: 'run-cancel',
} as const;
