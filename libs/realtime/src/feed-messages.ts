import {
  FEED_MESSAGE_TYPES,
  READY_STAGE,
  overallProgress,
  type EventDetails,
  type EventError,
  type StageEventStatus,
  type StageName,
  type TerminalRunStatus,
  type UnsequencedFeedMessage,
} from '@repolens/contracts';

export interface RunIds {
  readonly runId: string;
  readonly repositoryId: string;
}

export interface StageEventInput {
  readonly stage: StageName;
  readonly status: StageEventStatus;
  readonly progress: number;
  readonly message: string;
  readonly details?: EventDetails | undefined;
  readonly error?: EventError | undefined;
}

/** A stage event, its overall progress derived from the stage weights. */
export function stageMessage(ids: RunIds, input: StageEventInput): UnsequencedFeedMessage {
  const progress = Math.min(1, Math.max(0, input.progress));
  return {
    ...ids,
    type: FEED_MESSAGE_TYPES.stage,
    stage: input.stage,
    status: input.status,
    progress,
    overallProgress: overallProgress(input.stage, progress),
    message: input.message,
    ...(input.details === undefined ? {} : { details: input.details }),
    ...(input.error === undefined ? {} : { error: input.error }),
    timestamp: new Date().toISOString(),
  };
}

/** The final stage event: the assistant can answer questions. */
export function readyMessage(ids: RunIds, details?: EventDetails): UnsequencedFeedMessage {
  return {
    ...ids,
    type: FEED_MESSAGE_TYPES.stage,
    stage: READY_STAGE,
    status: 'completed',
    progress: 1,
    overallProgress: 1,
    message: 'The assistant is ready',
    ...(details === undefined ? {} : { details }),
    timestamp: new Date().toISOString(),
  };
}

export function runEndMessage(
  ids: RunIds,
  status: TerminalRunStatus,
  message: string,
  error?: EventError,
): UnsequencedFeedMessage {
  return {
    ...ids,
    type: FEED_MESSAGE_TYPES.run,
    status,
    message,
    ...(error === undefined ? {} : { error }),
    timestamp: new Date().toISOString(),
  };
}

/** A failed or timed-out run goes on: a retry resumed it (the feed continues with the same run). */
export function runResumedMessage(ids: RunIds, message: string): UnsequencedFeedMessage {
  return { ...ids, type: FEED_MESSAGE_TYPES.run, status: 'running', message, timestamp: new Date().toISOString() };
}
