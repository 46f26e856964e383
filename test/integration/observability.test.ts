import type { AppConfig } from '@repolens/config';
import { STAGE_NAMES, type ChatServerMessage, type CreateRepositoryResponse, type Dashboard, type RunView } from '@repolens/contracts';
import { loggerOptions } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers, type WorkerPool } from '@repolens/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { samplesOf, scrape, valueOf, type Sample } from '../support/prometheus-text.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** Workers of the same deployment whose code analysis cannot finish in time (two attempts, then timed_out). */
function tooShortCodeAnalysis(config: AppConfig): AppConfig {
  return testConfig({
    REDIS_PREFIX: config.redis.prefix,
    DATA_DIR: config.pipeline.dataDir,
    STAGE_CODE_ANALYSIS_TIMEOUT_MS: '1',
    STAGE_CODE_ANALYSIS_RETRIES: '1',
  });
}

async function dashboard(stack: TestStack): Promise<Dashboard> {
  const response = await getJson<Dashboard>(`${stack.baseUrl}/api/dashboard`);
  expect(response.status).toBe(200);
  return response.body;
}

/** Asks one question over the chat socket and leaves the socket open. */
async function askOverSocket(stack: TestStack, repositoryId: string, text: string): Promise<WebSocket> {
  const socket = new WebSocket(`${stack.wsUrl}/api/repositories/${repositoryId}/chat`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answered = new Promise<void>((resolve, reject) => {
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as ChatServerMessage;
      if (message.type === 'answer') resolve();
      if (message.type === 'error') reject(new Error(message.error.message));
    });
  });
  socket.send(JSON.stringify({ type: 'question', text }));
  await answered;
  return socket;
}

/**
 * One run seen the way an operator sees it: it times out at code analysis on workers whose limit is too
 * short, the limit is raised (new workers) and the run is retried to ready; then someone chats.
 */
describe('what operators watch', () => {
  let stack: TestStack;
  const pools: WorkerPool[] = [];
  const logLines: string[] = [];
  let ids: { runId: string; repositoryId: string };
  let chatSocket: WebSocket;
  let workerMetricsUrl: string;
  /** The dashboard at each step: before any worker, with workers, after the time-out, after the retry. */
  const seen = new Map<'before' | 'withWorkers' | 'timedOut' | 'after', Dashboard>();
  const at = (step: Parameters<typeof seen.get>[0]): Dashboard => {
    const figures = seen.get(step);
    if (figures === undefined) throw new Error(`no dashboard seen at ${step}`);
    return figures;
  };

  async function settledDashboard(target: TestStack): Promise<Dashboard> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const figures = await dashboard(target);
      const busy = figures.queues.some((queue) => queue.waiting > 0 || queue.active > 0);
      if (!busy || Date.now() > deadline) return figures;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
    // One worker process's logger and metrics, kept across the restart that raises the limit.
    const log = pino(loggerOptions('worker', 'debug'), { write: (line: string) => void logLines.push(line) });
    const metrics = createMetrics('worker');
    seen.set('before', await dashboard(stack));

    pools.push(await startWorkers({ config: tooShortCodeAnalysis(stack.config), log, db: stack.deps.db, metrics }));
    seen.set('withWorkers', await dashboard(stack));
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: createFixtureRepository(smallProject()).url });
    ids = { runId: submitted.body.runId, repositoryId: submitted.body.repositoryId };
    const failing = await recordFeed(stack.wsUrl, ids.runId);
    await failing.closed;
    seen.set('timedOut', await dashboard(stack));

    await pools.pop()?.close();
    const workers = await startWorkers({ config: stack.config, log, db: stack.deps.db, metrics });
    pools.push(workers);
    workerMetricsUrl = `http://127.0.0.1:${(await workers.serveMetrics({ host: '127.0.0.1', port: 0 })).port}/metrics`;
    const retried = await postJson<RunView>(`${stack.baseUrl}/api/runs/${ids.runId}/retry`, {});
    expect(retried.status).toBe(202);
    const resumed = await recordFeed(stack.wsUrl, ids.runId, failing.messages.at(-1)?.seq ?? 0);
    await resumed.closed;
    expect(resumed.messages.at(-1)).toMatchObject({ type: 'run', status: 'completed' });
    // The run's end is published from inside its last job, which BullMQ marks completed a moment later.
    seen.set('after', await settledDashboard(stack));

    chatSocket = await askOverSocket(stack, ids.repositoryId, 'How is the retry delay computed?');
  });
  afterAll(async () => {
    chatSocket.close();
    await Promise.all(pools.map((pool) => pool.close()));
    await stack.close();
  });

  it('shows runs, outcomes, time to ready, queues and workers on the dashboard', () => {
    const [before, withWorkers, timedOut, after] = [at('before'), at('withWorkers'), at('timedOut'), at('after')];
    expect(before.queues.map((queue) => [queue.stage, queue.workers])).toEqual(STAGE_NAMES.map((stage) => [stage, 0]));
    expect(before.activeWorkers).toBe(0);
    expect(withWorkers.queues.map((queue) => [queue.stage, queue.queue, queue.workers])).toEqual(
      STAGE_NAMES.map((stage) => [stage, stack.config.queues.stages[stage].queue, 1]),
    );
    expect(withWorkers.activeWorkers).toBe(1);
    expect(after.activeWorkers).toBe(1);
    expect(after.queues.filter((queue) => queue.waiting > 0 || queue.active > 0)).toEqual([]);

    expect(after.timeToReady.runs).toBeGreaterThanOrEqual(1);
    expect(after.timeToReady.averageMs).toBeGreaterThan(0);
    expect(after.timeToReady.p95Ms).toBeGreaterThan(0);
    expect(after.successRate).toBeGreaterThan(0);

    // Other test files share the database, so the figures are compared as changes over this run's life
    // (on one day: a run that crossed midnight UTC counts on the next day's dashboard).
    if (before.since !== after.since) return;
    const change = (from: Dashboard, to: Dashboard) => ({
      today: to.runs.today - from.runs.today,
      succeeded: to.runs.succeeded - from.runs.succeeded,
      timedOut: to.runs.timedOut - from.runs.timedOut,
      running: to.runs.running - from.runs.running,
      deadLetter: to.deadLetter - from.deadLetter,
    });
    expect(change(before, timedOut)).toEqual({ today: 1, succeeded: 0, timedOut: 1, running: 0, deadLetter: 1 });
    // Retried to ready: it is counted by how it ended now, and has left the dead-letter view.
    expect(change(before, after)).toEqual({ today: 1, succeeded: 1, timedOut: 0, running: 0, deadLetter: 0 });
  });

  it('exposes the SPEC §5 metrics of the worker at its /metrics', async () => {
    const worker = await scrape(workerMetricsUrl);
    expect(valueOf(worker, 'repolens_run_duration_seconds_count', { status: 'timed_out' })).toBe(1);
    expect(valueOf(worker, 'repolens_run_duration_seconds_count', { status: 'completed' })).toBe(1);
    for (const stage of STAGE_NAMES) expect(valueOf(worker, 'repolens_stage_duration_seconds_count', { stage, status: 'completed' })).toBe(1);
    expect(valueOf(worker, 'repolens_stage_duration_seconds_count', { stage: 'code_analysis', status: 'failed' })).toBe(2);
    expect(valueOf(worker, 'repolens_runs_finished_total', { status: 'timed_out', error_code: 'STAGE_TIMEOUT' })).toBe(1);
    expect(valueOf(worker, 'repolens_runs_finished_total', { status: 'completed', error_code: '' })).toBe(1);
    expect(valueOf(worker, 'repolens_retry_attempts_total', { stage: 'code_analysis', error_code: 'STAGE_TIMEOUT' })).toBe(1);
    for (const stage of STAGE_NAMES) expect(valueOf(worker, 'repolens_active_workers', { queue: stack.config.queues.stages[stage].queue })).toBe(1);
    expectDeploymentGauges(worker);
  });

  it('exposes the SPEC §5 metrics of the api at its /metrics', async () => {
    const api = await scrape(`${stack.baseUrl}/metrics`);
    expect(valueOf(api, 'repolens_run_retries_total', { stage: 'code_analysis' })).toBe(1);
    expect(valueOf(api, 'repolens_websocket_connections', { kind: 'chat' })).toBe(1);
    expect(samplesOf(api, 'repolens_websocket_connections', { kind: 'events' })).toHaveLength(1);
    expect(valueOf(api, 'repolens_chat_latency_seconds_count', { mode: 'retrieval' })).toBe(1);
    expect(valueOf(api, 'repolens_http_request_duration_seconds_count', { method: 'POST', route: '/api/runs/:runId/retry', status_code: '202' })).toBe(1);
    expectDeploymentGauges(api);
    const { deadLetter } = await dashboard(stack);
    expect(valueOf(api, 'repolens_dead_letter_runs')).toBe(deadLetter);
  });

  it('logs every line of the run as JSON with its run id, repository id, stage and worker', () => {
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofRun = lines.filter((line) => JSON.stringify(line).includes(ids.runId));
    const started = ofRun.filter((line) => line['msg'] === 'stage started').map((line) => line['stage']);
    // Every stage once, and code analysis for each of its three attempts.
    expect([...started].sort()).toEqual([...STAGE_NAMES, 'code_analysis', 'code_analysis'].sort());
    for (const line of ofRun) {
      expect(line).toMatchObject({
        runId: ids.runId,
        repositoryId: ids.repositoryId,
        stage: expect.any(String),
        service: 'worker',
        worker: stack.config.worker.name,
      });
    }
    expect(ofRun.some((line) => line['msg'] === 'run completed')).toBe(true);
  });

  /** The deployment-wide gauges every process reports: depth of each stage queue by state, active runs, dead letters. */
  function expectDeploymentGauges(samples: readonly Sample[]): void {
    for (const stage of STAGE_NAMES) {
      const states = samplesOf(samples, 'repolens_queue_depth', { queue: stack.config.queues.stages[stage].queue }).map((sample) => sample.labels['state']);
      expect(states.sort()).toEqual(['active', 'delayed', 'failed', 'waiting']);
    }
    expect(samplesOf(samples, 'repolens_active_runs')).toHaveLength(1);
    expect(samplesOf(samples, 'repolens_dead_letter_runs')).toHaveLength(1);
  }
});
