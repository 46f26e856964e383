import { describe, expect, it } from 'vitest';
import { FeedMessageSchema, RunViewSchema, overallProgress, type FeedMessage, type RunView, type StageName } from '@repolens/contracts';
import { MAX_LOG_LINES, failedStage, feedReducer, initialFeedState, type FeedState } from './feed-reducer.js';

const REPOSITORY_ID = '0b6f3c4e-8a51-4d2f-9c3e-1f2a3b4c5d6e';
const RUN_ID = '6a1e2d3c-4b5a-4978-8f6e-5d4c3b2a1f0e';
const START = Date.parse('2025-01-01T10:00:00.000Z');

type StageEvent = [stage: StageName | 'ready', status: 'started' | 'progress' | 'completed' | 'failed', progress: number];

/** The messages of a whole successful run, numbered as the server numbers them, parsed by the real schema. */
function successfulRun(): FeedMessage[] {
  const events: StageEvent[] = [
    ['initialization', 'started', 0],
    ['initialization', 'progress', 0.5],
    ['initialization', 'completed', 1],
    ['metadata', 'started', 0],
    ['metadata', 'completed', 1],
    ['structure', 'started', 0],
    ['structure', 'completed', 1],
    ['code_analysis', 'started', 0],
    ['code_analysis', 'progress', 0.4],
    ['code_analysis', 'completed', 1],
    ['embedding', 'started', 0],
    ['embedding', 'progress', 0.75],
    ['embedding', 'completed', 1],
    ['ready', 'completed', 1],
  ];
  const messages = events.map(([stage, status, progress], index) =>
    stageMessage(index + 1, stage, status, progress),
  );
  messages.push(runMessage(messages.length + 1, 'completed'));
  return messages;
}

function stageMessage(seq: number, stage: StageName | 'ready', status: StageEvent[1], progress: number): FeedMessage {
  return FeedMessageSchema.parse({
    seq,
    repositoryId: REPOSITORY_ID,
    runId: RUN_ID,
    timestamp: new Date(START + seq * 1000).toISOString(),
    type: 'stage',
    stage,
    status,
    progress,
    overallProgress: stage === 'ready' ? 1 : overallProgress(stage, progress),
    message: `${stage} ${status}`,
    details: status === 'progress' ? { filesParsed: Math.round(progress * 10), filesTotal: 10 } : undefined,
    ...(status === 'failed' ? { error: { code: 'CLONE_FAILED', message: 'remote hung up' } } : {}),
  });
}

function runMessage(seq: number, status: 'running' | 'completed' | 'failed' | 'cancelled' | 'timed_out'): FeedMessage {
  return FeedMessageSchema.parse({
    seq,
    repositoryId: REPOSITORY_ID,
    runId: RUN_ID,
    timestamp: new Date(START + seq * 1000).toISOString(),
    type: 'run',
    status,
    message: `run ${status}`,
    ...(status === 'failed' ? { error: { code: 'CLONE_FAILED', message: 'remote hung up' } } : {}),
  });
}

function receiveAll(messages: readonly FeedMessage[], state: FeedState = initialFeedState(RUN_ID)): FeedState {
  return messages.reduce((current, message) => feedReducer(current, { type: 'message', message }), state);
}

function withoutWorkers(state: FeedState): FeedState {
  return { ...state, stages: state.stages.map((stage) => ({ ...stage, worker: null })) };
}

/** The run as GET /api/runs/:id shows it, with the worker each listed stage ran on. */
function runViewWithWorkers(workers: Partial<Record<StageName, string | null>>): RunView {
  return RunViewSchema.parse({
    id: RUN_ID,
    repositoryId: REPOSITORY_ID,
    status: 'running',
    trigger: 'interactive',
    ref: null,
    commitSha: null,
    currentStage: null,
    overallProgress: 0,
    lastSeq: 0,
    error: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    stages: Object.entries(workers).map(([stage, worker]) => ({
      stage,
      status: 'pending',
      attempts: 1,
      progress: 0,
      message: null,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      error: null,
      worker,
    })),
  });
}

function statuses(state: FeedState): string[] {
  return state.stages.map((stage) => `${stage.stage}:${stage.status}`);
}

describe('feedReducer', () => {
  it('follows a whole run to ready', () => {
    const messages = successfulRun();
    const state = receiveAll(messages);
    expect(statuses(state)).toEqual([
      'initialization:completed',
      'metadata:completed',
      'structure:completed',
      'code_analysis:completed',
      'embedding:completed',
    ]);
    expect(state.ready).toBe(true);
    expect(state.ended).toBe(true);
    expect(state.runStatus).toBe('completed');
    expect(state.overallProgress).toBe(1);
    expect(state.lastSeq).toBe(messages.length);
    const embedding = state.stages[4];
    expect(embedding?.startedAt).toBe('2025-01-01T10:00:11.000Z');
    expect(embedding?.finishedAt).toBe('2025-01-01T10:00:13.000Z');
  });

  it('shows the running stage with its progress, message and details', () => {
    const state = receiveAll(successfulRun().slice(0, 9));
    const codeAnalysis = state.stages.find((stage) => stage.stage === 'code_analysis');
    expect(codeAnalysis).toMatchObject({
      status: 'running',
      progress: 0.4,
      message: 'code_analysis progress',
      details: { filesParsed: 4, filesTotal: 10 },
    });
    expect(state.stages.find((stage) => stage.stage === 'embedding')?.status).toBe('pending');
    expect(state.overallProgress).toBeCloseTo(0.3 + 0.35 * 0.4, 4);
    expect(state.runStatus).toBe('running');
    expect(state.ready).toBe(false);
    expect(state.ended).toBe(false);
  });

  it('never applies a message out of order: one after a gap waits until the gap is filled', () => {
    const [first, second, third, fourth] = successfulRun();
    if (!first || !second || !third || !fourth) throw new Error('fixture too short');
    const afterGap = receiveAll([first, third, fourth]);
    expect(afterGap.lastSeq).toBe(1);
    expect(afterGap.stages[0]).toMatchObject({ status: 'running', progress: 0 });
    expect(afterGap.stages[1]?.status).toBe('pending');

    const filled = receiveAll([second], afterGap);
    expect(filled.lastSeq).toBe(4);
    expect(filled.held).toEqual([]);
    expect(statuses(filled).slice(0, 2)).toEqual(['initialization:completed', 'metadata:running']);
    expect(filled).toEqual(receiveAll([first, second, third, fourth]));
  });

  it('ignores duplicates, including a message repeated while it is held', () => {
    const messages = successfulRun().slice(0, 6);
    const once = receiveAll(messages);
    const withDuplicates = receiveAll([...messages.slice(0, 3), messages[1]!, messages[2]!, ...messages.slice(3), messages[0]!]);
    expect(withDuplicates).toEqual(once);

    const [first, , third] = messages;
    const heldTwice = receiveAll([first!, third!, third!]);
    expect(heldTwice.held.map((message) => message.seq)).toEqual([3]);
  });

  it('rebuilds the same state from a replay after a reconnect', () => {
    const messages = successfulRun();
    const beforeDrop = receiveAll(messages.slice(0, 7));
    // The client reconnects with after=lastSeq; a server may still resend the last few it had sent.
    const replay = messages.slice(beforeDrop.lastSeq - 2);
    const resumed = receiveAll(replay, beforeDrop);
    expect(resumed).toEqual(receiveAll(messages));

    // A reload starts from after=0 and must reach the same state.
    expect(receiveAll(messages, initialFeedState(RUN_ID))).toEqual(resumed);
  });

  it('ends the run on a failed run message, keeping the failed stage and its error', () => {
    const messages = [
      stageMessage(1, 'initialization', 'started', 0),
      stageMessage(2, 'initialization', 'failed', 0.2),
      runMessage(3, 'failed'),
    ];
    const state = receiveAll(messages);
    expect(state.ended).toBe(true);
    expect(state.ready).toBe(false);
    expect(state.runStatus).toBe('failed');
    expect(state.runError).toEqual({ code: 'CLONE_FAILED', message: 'remote hung up' });
    expect(failedStage(state)).toMatchObject({
      stage: 'initialization',
      error: { code: 'CLONE_FAILED', message: 'remote hung up' },
      finishedAt: '2025-01-01T10:00:02.000Z',
    });
    expect(statuses(state).slice(1)).toEqual([
      'metadata:pending',
      'structure:pending',
      'code_analysis:pending',
      'embedding:pending',
    ]);
  });

  it('follows a retried run: back in progress, the failed stage waits again, finished stages stay done', () => {
    const failed = [
      stageMessage(1, 'initialization', 'started', 0),
      stageMessage(2, 'initialization', 'completed', 1),
      stageMessage(3, 'metadata', 'started', 0),
      stageMessage(4, 'metadata', 'failed', 0.5),
      runMessage(5, 'failed'),
    ];
    const resumed = receiveAll([...failed, runMessage(6, 'running')]);
    expect(resumed).toMatchObject({ runStatus: 'running', ended: false, runError: null, endMessage: null, lastSeq: 6 });
    expect(statuses(resumed).slice(0, 3)).toEqual(['initialization:completed', 'metadata:pending', 'structure:pending']);
    expect(failedStage(resumed)).toBeUndefined();

    const rest = successfulRun()
      .slice(3)
      .map((message, index) => FeedMessageSchema.parse({ ...message, seq: 7 + index }));
    const completed = receiveAll(rest, resumed);
    expect(completed).toMatchObject({ runStatus: 'completed', ended: true, ready: true });
    expect(statuses(completed).every((entry) => entry.endsWith(':completed'))).toBe(true);
  });

  it('marks the running stage stopped when the run is cancelled', () => {
    const messages = [...successfulRun().slice(0, 4), runMessage(5, 'cancelled')];
    const state = receiveAll(messages);
    expect(state.runStatus).toBe('cancelled');
    expect(state.ended).toBe(true);
    expect(state.stages[1]).toMatchObject({ stage: 'metadata', status: 'stopped', finishedAt: '2025-01-01T10:00:05.000Z' });
    expect(failedStage(state)).toBeUndefined();
  });

  it('ignores messages of another run', () => {
    const other = FeedMessageSchema.parse({ ...successfulRun()[0], runId: '9f8e7d6c-5b4a-4321-8fed-cba987654321' });
    expect(receiveAll([other])).toEqual(initialFeedState(RUN_ID));
  });

  it('starts from a snapshot of the run, which the feed then overrides', () => {
    const run = RunViewSchema.parse({
      id: RUN_ID,
      repositoryId: REPOSITORY_ID,
      status: 'running',
      trigger: 'interactive',
      ref: null,
      commitSha: null,
      currentStage: 'metadata',
      overallProgress: 0.15,
      lastSeq: 4,
      error: null,
      createdAt: '2025-01-01T10:00:00.000Z',
      startedAt: '2025-01-01T10:00:01.000Z',
      finishedAt: null,
      stages: [
        {
          stage: 'initialization',
          status: 'completed',
          attempts: 1,
          progress: 1,
          message: 'Cloned',
          startedAt: '2025-01-01T10:00:01.000Z',
          finishedAt: '2025-01-01T10:00:03.000Z',
          durationMs: 2000,
          error: null,
          worker: 'worker-a',
        },
      ],
    });
    const seeded = feedReducer(initialFeedState(RUN_ID), { type: 'snapshot', run });
    expect(statuses(seeded).slice(0, 2)).toEqual(['initialization:completed', 'metadata:pending']);
    expect(seeded.lastSeq).toBe(0);

    expect(seeded.stages[0]?.worker).toBe('worker-a');

    const messages = successfulRun();
    const replayed = receiveAll(messages, seeded);
    // The feed does not say which worker ran a stage, so the snapshot's name stays.
    expect(replayed.stages[0]?.worker).toBe('worker-a');
    expect(withoutWorkers(replayed)).toEqual(withoutWorkers(receiveAll(messages)));
    // A snapshot that arrives after the feed has spoken is older than what is shown.
    expect(feedReducer(replayed, { type: 'snapshot', run })).toBe(replayed);
  });
});

describe('which worker ran each stage', () => {
  it('takes the worker names from a looked-up run, and nothing else from it', () => {
    const live = receiveAll(successfulRun().slice(0, 5));
    const named = feedReducer(live, { type: 'workers', run: runViewWithWorkers({ initialization: 'worker-a', metadata: 'worker-b', structure: null }) });
    expect(named.stages.map((stage) => stage.worker)).toEqual(['worker-a', 'worker-b', null, null, null]);
    // The looked-up view says "pending" and progress 0; the feed's newer state stands.
    expect(statuses(named)).toEqual(statuses(live));
    expect(named.overallProgress).toBe(live.overallProgress);
    expect(named.lastSeq).toBe(live.lastSeq);
  });

  it('keeps a name it has when the looked-up view has none, and ignores another run', () => {
    const named = feedReducer(initialFeedState(RUN_ID), { type: 'workers', run: runViewWithWorkers({ initialization: 'worker-a' }) });
    expect(feedReducer(named, { type: 'workers', run: runViewWithWorkers({ initialization: null }) })).toBe(named);
    const other = { ...runViewWithWorkers({ metadata: 'worker-b' }), id: '11111111-2222-4333-8444-555555555555' };
    expect(feedReducer(named, { type: 'workers', run: other })).toBe(named);
  });

  it('forgets the name of a stage a retry sends back to wait, so the next attempt names its own', () => {
    const failed = receiveAll([stageMessage(1, 'initialization', 'started', 0), stageMessage(2, 'initialization', 'failed', 0.2), runMessage(3, 'failed')]);
    const named = feedReducer(failed, { type: 'workers', run: runViewWithWorkers({ initialization: 'worker-a' }) });
    const resumed = receiveAll([runMessage(4, 'running')], named);
    expect(resumed.stages[0]?.worker).toBeNull();
  });
});

describe('the event log', () => {
  const seqs = (state: FeedState) => state.log.map((line) => line.seq);

  it('has one line per message, in seq order, whatever order and how often they arrived', () => {
    const messages = successfulRun();
    const shuffled = [messages[2]!, messages[0]!, messages[1]!, messages[1]!, ...messages.slice(3), messages[4]!, ...messages.slice(0, 5)];
    const state = receiveAll(shuffled);
    expect(seqs(state)).toEqual(messages.map((message) => message.seq));
    expect(state.log[2]).toMatchObject({ stage: 'initialization', status: 'completed', message: 'initialization completed' });
    expect(state.log.at(-1)).toMatchObject({ stage: null, status: 'completed', message: 'run completed' });
  });

  it('is the same after a reconnect that replays from the last seq as after an unbroken feed', () => {
    const messages = successfulRun();
    const beforeDrop = receiveAll(messages.slice(0, 9));
    const resumed = receiveAll(messages.slice(beforeDrop.lastSeq - 3), beforeDrop);
    expect(seqs(resumed)).toEqual(messages.map((message) => message.seq));
  });

  it('keeps the newest lines of a very long run and counts the ones left out', () => {
    const many = Array.from({ length: MAX_LOG_LINES + 25 }, (_, index) =>
      stageMessage(index + 1, 'code_analysis', index === 0 ? 'started' : 'progress', Math.min(1, index / (MAX_LOG_LINES + 25))),
    );
    const state = receiveAll(many);
    expect(state.log).toHaveLength(MAX_LOG_LINES);
    expect(state.logOmitted).toBe(25);
    expect(state.log[0]?.seq).toBe(26);
    expect(state.log.at(-1)?.seq).toBe(MAX_LOG_LINES + 25);
  });

  it('replays an ended run’s history into the log without taking its stages back through earlier states', () => {
    const messages = successfulRun();
    const finished = RunViewSchema.parse({
      id: RUN_ID,
      repositoryId: REPOSITORY_ID,
      status: 'completed',
      trigger: 'interactive',
      ref: null,
      commitSha: 'a'.repeat(40),
      currentStage: 'ready',
      overallProgress: 1,
      lastSeq: messages.length,
      error: null,
      createdAt: '2025-01-01T10:00:00.000Z',
      startedAt: '2025-01-01T10:00:01.000Z',
      finishedAt: '2025-01-01T10:00:15.000Z',
      stages: STAGES_DONE,
    });
    const seeded = feedReducer(initialFeedState(RUN_ID), { type: 'snapshot', run: finished });
    // Half way through the replay the page still shows the finished run.
    const halfway = receiveAll(messages.slice(0, 8), seeded);
    expect(statuses(halfway).every((entry) => entry.endsWith(':completed'))).toBe(true);
    expect(halfway).toMatchObject({ runStatus: 'completed', ready: true, ended: true, overallProgress: 1 });
    expect(seqs(halfway)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const replayed = receiveAll(messages.slice(8), halfway);
    expect(seqs(replayed)).toEqual(messages.map((message) => message.seq));
    expect(replayed.lastSeq).toBe(messages.length);
    // What comes after the history (a retry resumed the run) is applied as usual.
    const resumed = receiveAll([runMessage(messages.length + 1, 'running')], replayed);
    expect(resumed).toMatchObject({ runStatus: 'running', ended: false });
  });
});

const STAGES_DONE = (['initialization', 'metadata', 'structure', 'code_analysis', 'embedding'] as const).map((stage, index) => ({
  stage,
  status: 'completed',
  attempts: 1,
  progress: 1,
  message: `${stage} done`,
  startedAt: new Date(START + (index * 2 + 1) * 1000).toISOString(),
  finishedAt: new Date(START + (index * 2 + 2) * 1000).toISOString(),
  durationMs: 1000,
  error: null,
  worker: 'worker-a',
}));
