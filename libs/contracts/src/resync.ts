import { z } from 'zod';
import { RefSchema, RUN_TRIGGERS } from './http.js';

/** Why a run was started (SPEC §5: runs record their trigger). */
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RunTriggerSchema = z.enum(RUN_TRIGGERS);

/**
 * BullMQ priority of every stage job of a run, by the run's trigger: lower runs first, so a person
 * waiting on a submission is served before re-syncs that nobody watches. (0 would mean "no priority",
 * which BullMQ serves before every prioritised job, so no trigger uses it.)
 */
export const RUN_PRIORITIES = {
  interactive: 1,
  reanalyze: 2,
  webhook: 5,
  schedule: 10,
} as const satisfies Record<RunTrigger, number>;

/** The re-sync queue: scheduled re-analyses and pushes deferred behind a run in progress. */
export const RESYNC_QUEUE = { queue: 'repository-resync', concurrency: 5 } as const;

export const RESYNC_JOB_NAMES = {
  /** Made by a repository's job scheduler at each cron tick. */
  scheduled: 'scheduled-resync',
  /** A push that arrived while a run was in progress, analysed once that run has ended. */
  deferredPush: 'deferred-push',
} as const;
export type ResyncJobName = (typeof RESYNC_JOB_NAMES)[keyof typeof RESYNC_JOB_NAMES];

export const ResyncJobPayloadSchema = z.object({ repositoryId: z.uuid() });
export type ResyncJobPayload = z.infer<typeof ResyncJobPayloadSchema>;

/** One job scheduler per repository: its id is derived from the repository's. */
export function scheduleSchedulerId(repositoryId: string): string {
  return `schedule.${repositoryId}`;
}

/** One deferred push per repository at a time: later pushes fold into it (it analyses the branch's head). */
export function deferredPushJobId(repositoryId: string): string {
  return `deferred-push.${repositoryId}`;
}

export const ReanalyzeBodySchema = z
  .object({
    /** Another branch, tag or commit for this run only; by default the repository's own ref. */
    ref: RefSchema.optional(),
    /** Used for the clone; never logged or returned, and stored (encrypted) only when `rememberToken` asks for it. */
    accessToken: z.string().min(1).max(4096).optional(),
    /** Keep `accessToken` for later re-syncs of the repository (it replaces a token kept before). */
    rememberToken: z.boolean().optional(),
  })
  .default({});
export type ReanalyzeBody = z.infer<typeof ReanalyzeBodySchema>;

/** What a re-sync job decided; kept as the job's result, so an operator can see why no run started. */
export const RESYNC_OUTCOMES = {
  started: 'started',
  /** The branch is at the commit the repository's latest analysis already covers. */
  unchanged: 'unchanged',
  /** A run was in progress (a schedule tick is skipped; a deferred push waits for it instead). */
  busy: 'busy',
  /** The schedule was removed or paused after this tick was planned. */
  unscheduled: 'unscheduled',
  /** The repository no longer exists. */
  gone: 'gone',
} as const;
export type ResyncOutcome = (typeof RESYNC_OUTCOMES)[keyof typeof RESYNC_OUTCOMES];
export interface ResyncResult {
  readonly outcome: ResyncOutcome;
  readonly runId: string | null;
}
