import {
  FEED_MESSAGE_TYPES,
  READY_STAGE,
  STAGE_NAMES,
  isTerminalRunStatus,
  type EventDetails,
  type EventError,
  type FeedMessage,
  type FeedStage,
  type RunFeedMessage,
  type RunStatus,
  type RunView,
  type StageFeedMessage,
  type StageName,
  type StageStatus,
} from '@repolens/contracts';

/** `stopped`: the stage was still running when the run was cancelled or timed out. */
export type StageViewStatus = StageStatus | 'stopped';

export interface StageView {
  readonly stage: StageName;
  readonly status: StageViewStatus;
  readonly progress: number;
  readonly message: string | null;
  readonly details: EventDetails | null;
  readonly error: EventError | null;
  /** ISO timestamps from the server, so elapsed times survive a reload. */
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** The worker that runs or ran the stage's latest attempt; the feed does not say, the run's view does. */
  readonly worker: string | null;
}

/** One line of the run's event log: every message the feed applied, once, in seq order. */
export interface LogLine {
  readonly seq: number;
  readonly timestamp: string;
  /** null for a message about the whole run. */
  readonly stage: FeedStage | null;
  readonly status: string;
  readonly message: string;
  readonly error: EventError | null;
}

/** The log keeps this many lines; a long run's oldest progress lines give way first. */
export const MAX_LOG_LINES = 1000;

export interface FeedState {
  readonly runId: string;
  /** The highest seq applied; every message up to it has been applied, in order. */
  readonly lastSeq: number;
  /** Messages that arrived ahead of a gap, kept (sorted by seq) until the gap is filled. */
  readonly held: readonly FeedMessage[];
  readonly runStatus: RunStatus;
  readonly overallProgress: number;
  readonly stages: readonly StageView[];
  /** The stage `ready` completed: the assistant can answer. */
  readonly ready: boolean;
  readonly ended: boolean;
  readonly endMessage: string | null;
  readonly runError: EventError | null;
  readonly log: readonly LogLine[];
  /** Lines that no longer fit in `log`. */
  readonly logOmitted: number;
  /**
   * The run had ended when the page loaded: messages up to this seq are its history, replayed for the
   * log only, so the stages shown do not pass through earlier states again. 0 when there is none.
   */
  readonly historyUntil: number;
}

export type FeedAction =
  | { readonly type: 'message'; readonly message: FeedMessage }
  /** What the API knows about the run; only used until the feed has delivered something. */
  | { readonly type: 'snapshot'; readonly run: RunView }
  /** The run looked up again after a stage started, for the one thing the feed does not carry: which worker took it. */
  | { readonly type: 'workers'; readonly run: RunView };

export function initialFeedState(runId: string): FeedState {
  return {
    runId,
    lastSeq: 0,
    held: [],
    runStatus: 'queued',
    overallProgress: 0,
    stages: STAGE_NAMES.map((stage) => pendingStage(stage)),
    ready: false,
    ended: false,
    endMessage: null,
    runError: null,
    log: [],
    logOmitted: 0,
    historyUntil: 0,
  };
}

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'message':
      return receive(state, action.message);
    case 'snapshot':
      return applySnapshot(state, action.run);
    case 'workers':
      return applyWorkers(state, action.run);
  }
}

/**
 * Applies messages strictly in seq order: duplicates and replays of what was applied are ignored,
 * a message after a gap waits in `held` until the messages before it arrive.
 */
function receive(state: FeedState, message: FeedMessage): FeedState {
  if (message.runId !== state.runId || message.seq <= state.lastSeq) return state;
  if (message.seq > state.lastSeq + 1) {
    if (state.held.some((held) => held.seq === message.seq)) return state;
    return { ...state, held: [...state.held, message].sort((a, b) => a.seq - b.seq) };
  }
  let next = applyInOrder(state, message);
  for (;;) {
    const first = next.held[0];
    if (first === undefined || first.seq > next.lastSeq + 1) return next;
    const rest = next.held.slice(1);
    next = first.seq === next.lastSeq + 1 ? { ...applyInOrder(next, first), held: rest } : { ...next, held: rest };
  }
}

function applyInOrder(state: FeedState, message: FeedMessage): FeedState {
  const logged = appendLog(state, message);
  if (message.seq <= state.historyUntil) return { ...logged, lastSeq: message.seq };
  const applied =
    message.type === FEED_MESSAGE_TYPES.stage
      ? applyStage(logged, message)
      : message.status === 'running'
        ? applyRunResumed(logged)
        : applyRunEnd(logged, message);
  return { ...applied, lastSeq: message.seq };
}

function appendLog(state: FeedState, message: FeedMessage): FeedState {
  const line: LogLine = {
    seq: message.seq,
    timestamp: message.timestamp,
    stage: message.type === FEED_MESSAGE_TYPES.stage ? message.stage : null,
    status: message.status,
    message: message.message,
    error: message.error ?? null,
  };
  const log = [...state.log, line];
  const over = log.length - MAX_LOG_LINES;
  return over > 0 ? { ...state, log: log.slice(over), logOmitted: state.logOmitted + over } : { ...state, log };
}

function applyStage(state: FeedState, message: StageFeedMessage): FeedState {
  const base: FeedState = {
    ...state,
    runStatus: state.ended ? state.runStatus : 'running',
    overallProgress: message.overallProgress,
  };
  if (message.stage === READY_STAGE) {
    return message.status === 'completed' ? { ...base, ready: true } : base;
  }
  const stageName = message.stage;
  return {
    ...base,
    stages: state.stages.map((stage) => (stage.stage === stageName ? nextStageView(stage, message) : stage)),
  };
}

function nextStageView(stage: StageView, message: StageFeedMessage): StageView {
  const text = { message: message.message, details: message.details ?? stage.details };
  switch (message.status) {
    case 'started':
      // A retried stage starts again: its clock and error restart with it.
      return {
        ...stage,
        ...text,
        status: 'running',
        progress: message.progress,
        error: null,
        startedAt: stage.status === 'running' && stage.startedAt !== null ? stage.startedAt : message.timestamp,
        finishedAt: null,
      };
    case 'progress':
      return {
        ...stage,
        ...text,
        status: 'running',
        progress: message.progress,
        startedAt: stage.startedAt ?? message.timestamp,
      };
    case 'completed':
      return {
        ...stage,
        ...text,
        status: 'completed',
        progress: 1,
        error: null,
        startedAt: stage.startedAt ?? message.timestamp,
        finishedAt: message.timestamp,
      };
    case 'failed':
      return {
        ...stage,
        ...text,
        status: 'failed',
        progress: message.progress,
        error: message.error ?? null,
        startedAt: stage.startedAt ?? message.timestamp,
        finishedAt: message.timestamp,
      };
  }
}

function applyRunEnd(state: FeedState, message: RunFeedMessage): FeedState {
  const completed = message.status === 'completed';
  return {
    ...state,
    runStatus: message.status,
    ended: true,
    ready: state.ready || completed,
    overallProgress: completed ? 1 : state.overallProgress,
    endMessage: message.message,
    runError: message.error ?? null,
    stages: completed ? state.stages : state.stages.map((stage) => stopIfRunning(stage, message.timestamp)),
  };
}

/** A retry resumed the run: it is in progress again, and the stages it had not finished wait to run again. */
function applyRunResumed(state: FeedState): FeedState {
  return {
    ...state,
    runStatus: 'running',
    ended: false,
    endMessage: null,
    runError: null,
    stages: state.stages.map((stage) => (stage.status === 'completed' ? stage : pendingStage(stage.stage))),
  };
}

function stopIfRunning(stage: StageView, at: string): StageView {
  return stage.status === 'running' ? { ...stage, status: 'stopped', finishedAt: at } : stage;
}

function applySnapshot(state: FeedState, run: RunView): FeedState {
  // Once the feed has spoken it is newer than any snapshot, and a snapshot of another run is stale.
  if (run.id !== state.runId || state.lastSeq > 0) return state;
  const ended = isTerminalRunStatus(run.status);
  return {
    ...state,
    runStatus: run.status,
    overallProgress: run.overallProgress,
    ready: run.status === 'completed',
    ended,
    endMessage: null,
    runError: run.error,
    historyUntil: ended ? run.lastSeq : 0,
    stages: STAGE_NAMES.map((name) => {
      const view = run.stages.find((stage) => stage.stage === name);
      if (view === undefined) return pendingStage(name);
      const stopped = ended && view.status === 'running';
      return {
        stage: name,
        status: stopped ? 'stopped' : view.status,
        progress: view.progress,
        message: view.message,
        details: null,
        error: view.error,
        startedAt: view.startedAt,
        finishedAt: view.finishedAt ?? (stopped ? run.finishedAt : null),
        worker: view.worker,
      };
    }),
  };
}

function pendingStage(stage: StageName): StageView {
  return {
    stage,
    status: 'pending',
    progress: 0,
    message: null,
    details: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    worker: null,
  };
}

/** Only the worker names are taken: the rest of a looked-up view may be older than what the feed delivered. */
function applyWorkers(state: FeedState, run: RunView): FeedState {
  if (run.id !== state.runId) return state;
  const stages = state.stages.map((stage) => {
    const worker = run.stages.find((view) => view.stage === stage.stage)?.worker ?? null;
    return worker === null || worker === stage.worker ? stage : { ...stage, worker };
  });
  return stages.every((stage, index) => stage === state.stages[index]) ? state : { ...state, stages };
}

/** The stage that made the run fail, if the feed said which. */
export function failedStage(state: FeedState): StageView | undefined {
  return state.stages.find((stage) => stage.status === 'failed');
}
