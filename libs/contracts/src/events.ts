import { z } from 'zod';
import { ERROR_CODE_NAMES } from './errors.js';
import { FeedStageSchema, TERMINAL_RUN_STATUSES, isTerminalRunStatus, type TerminalRunStatus } from './stages.js';

export const STAGE_EVENT_STATUSES = ['started', 'progress', 'completed', 'failed'] as const;
export const StageEventStatusSchema = z.enum(STAGE_EVENT_STATUSES);
export type StageEventStatus = z.infer<typeof StageEventStatusSchema>;

/** Statuses that are never throttled away: a client must always see them. */
export const MILESTONE_STATUSES = ['started', 'completed', 'failed'] as const satisfies readonly StageEventStatus[];

export const FEED_MESSAGE_TYPES = { stage: 'stage', run: 'run' } as const;

export const EventDetailsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));
export type EventDetails = z.infer<typeof EventDetailsSchema>;

export const EventErrorSchema = z.object({ code: z.enum(ERROR_CODE_NAMES), message: z.string() });
export type EventError = z.infer<typeof EventErrorSchema>;

const feedEnvelope = {
  seq: z.number().int().positive(),
  repositoryId: z.uuid(),
  runId: z.uuid(),
  timestamp: z.iso.datetime(),
};

export const StageFeedMessageSchema = z.object({
  ...feedEnvelope,
  type: z.literal(FEED_MESSAGE_TYPES.stage),
  stage: FeedStageSchema,
  status: StageEventStatusSchema,
  progress: z.number().min(0).max(1),
  overallProgress: z.number().min(0).max(1),
  message: z.string(),
  details: EventDetailsSchema.optional(),
  error: EventErrorSchema.optional(),
});
export type StageFeedMessage = z.infer<typeof StageFeedMessageSchema>;

/** A `run` message says how the run ended, or (`running`) that a retry resumed it after it had ended. */
export const RUN_FEED_STATUSES = ['running', ...TERMINAL_RUN_STATUSES] as const;

export const RunFeedMessageSchema = z.object({
  ...feedEnvelope,
  type: z.literal(FEED_MESSAGE_TYPES.run),
  status: z.enum(RUN_FEED_STATUSES),
  message: z.string(),
  error: EventErrorSchema.optional(),
});
export type RunFeedMessage = z.infer<typeof RunFeedMessageSchema>;

/** One message of the progress feed (SPEC §3, §7): what is stored, published and sent on the socket. */
export const FeedMessageSchema = z.discriminatedUnion('type', [StageFeedMessageSchema, RunFeedMessageSchema]);
export type FeedMessage = z.infer<typeof FeedMessageSchema>;

/** A feed message before the store gives it its sequence number. */
export type UnsequencedFeedMessage = FeedMessage extends infer T ? (T extends FeedMessage ? Omit<T, 'seq'> : never) : never;

export type RunEndFeedMessage = RunFeedMessage & { readonly status: TerminalRunStatus };

/** A message saying the run ended (a later `running` message means it was retried and goes on). */
export function isRunEnd(message: FeedMessage): message is RunEndFeedMessage {
  return message.type === FEED_MESSAGE_TYPES.run && isTerminalRunStatus(message.status);
}
