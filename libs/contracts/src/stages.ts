import { z } from 'zod';

/** The analysis stages, in the order a run executes them. */
export const STAGE_NAMES = ['initialization', 'metadata', 'structure', 'code_analysis', 'embedding'] as const;
export const StageNameSchema = z.enum(STAGE_NAMES);
export type StageName = z.infer<typeof StageNameSchema>;

/** `ready` is not a queue: it is the final event saying the assistant can answer. */
export const READY_STAGE = 'ready' as const;
export const FeedStageSchema = z.enum([...STAGE_NAMES, READY_STAGE]);
export type FeedStage = z.infer<typeof FeedStageSchema>;

/** Share of overall progress each stage accounts for; they sum to 1. */
export const STAGE_WEIGHTS = {
  initialization: 0.15,
  metadata: 0.05,
  structure: 0.1,
  code_analysis: 0.35,
  embedding: 0.35,
} as const satisfies Record<StageName, number>;

export const STAGE_LABELS = {
  initialization: 'Cloning the repository',
  metadata: 'Reading metadata',
  structure: 'Mapping the structure',
  code_analysis: 'Analysing the code',
  embedding: 'Building the search index',
} as const satisfies Record<StageName, string>;

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export const TERMINAL_RUN_STATUSES = ['completed', 'failed', 'cancelled', 'timed_out'] as const satisfies readonly RunStatus[];
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

export const STAGE_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;
export const StageStatusSchema = z.enum(STAGE_STATUSES);
export type StageStatus = z.infer<typeof StageStatusSchema>;

export function isTerminalRunStatus(status: RunStatus): status is TerminalRunStatus {
  return (TERMINAL_RUN_STATUSES as readonly RunStatus[]).includes(status);
}

export function nextStage(stage: StageName): StageName | undefined {
  return STAGE_NAMES[STAGE_NAMES.indexOf(stage) + 1];
}

/** Overall progress of a run, given which stages are done and how far the current one is. */
export function overallProgress(stage: StageName, stageProgress: number): number {
  let done = 0;
  for (const name of STAGE_NAMES) {
    if (name === stage) break;
    done += STAGE_WEIGHTS[name];
  }
  const value = done + STAGE_WEIGHTS[stage] * Math.min(1, Math.max(0, stageProgress));
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The run state machine (SPEC §2): the only moves a run may make. A failed or timed-out run may go back
 * to running when it is retried from its failed stage; completed and cancelled runs are final.
 */
export const RUN_TRANSITIONS = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['completed', 'failed', 'cancelled', 'timed_out'],
  completed: [],
  failed: ['running'],
  cancelled: [],
  timed_out: ['running'],
} as const satisfies Record<RunStatus, readonly RunStatus[]>;

/** Ended runs that can be retried (the dead-letter view): those that failed or timed out. */
export const RETRYABLE_RUN_STATUSES = ['failed', 'timed_out'] as const satisfies readonly TerminalRunStatus[];

export function isRetryableRunStatus(status: RunStatus): status is (typeof RETRYABLE_RUN_STATUSES)[number] {
  return (RETRYABLE_RUN_STATUSES as readonly RunStatus[]).includes(status);
}

export function isLegalRunTransition(from: RunStatus, to: RunStatus): boolean {
  return (RUN_TRANSITIONS[from] as readonly RunStatus[]).includes(to);
}

/** Statuses a run may be in for a move to `to` to be legal. */
export function runStatusesAllowing(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => isLegalRunTransition(from, to));
}
