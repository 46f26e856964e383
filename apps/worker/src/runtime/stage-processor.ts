import { performance } from 'node:perf_hooks';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  AppError,
  STAGE_LABELS,
  STAGE_NAMES,
  StageJobPayloadSchema,
  isTerminalRunStatus,
  nextStage,
  toAppError,
  type RunTrigger,
  type StageName,
  type StageResults,
} from '@repolens/contracts';
import { withRunLogger, type Logger } from '@repolens/logger';
import { ensureRunCheckout, runWorkspace, type Stage, type StageContext } from '@repolens/pipeline';
import type { RunIds } from '@repolens/realtime';
import { previousRunOf } from './previous-run.js';
import { cloneTokenFor } from './clone-token.js';
import { finishRunCompleted, finishRunFailed } from './run-ending.js';
import { StageAbort, untilAborted } from './stage-abort.js';
import { StageEvents } from './stage-events.js';
import { summarizeStage } from './stage-summaries.js';
import type { WorkerDeps } from './worker-deps.js';

export type StageProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<void>;

/**
 * The one generic runner: a stage is only its own logic; this owns its events, logs, abort signal,
 * persistence, error mapping, retries and the hand-over to the next stage.
 */
export function createStageProcessor<TName extends StageName>(deps: WorkerDeps, stage: Stage<TName>): StageProcessor {
  return async (job, _token, cancelSignal) => {
    const ids = StageJobPayloadSchema.parse(job.data);
    const context = { ...ids, stage: stage.name, jobId: job.id ?? '', attempt: job.attemptsMade + 1 };
    await withRunLogger(deps.log, context, (log) => processStage(deps, stage, { ids, job, log, cancelSignal }));
  };
}

interface Attempt {
  readonly ids: RunIds;
  readonly job: Job;
  readonly log: Logger;
  readonly cancelSignal: AbortSignal | undefined;
}

/**
 * Hands the run to the stage after `stage`, or finishes it after the last one. Safe to repeat. The next
 * job keeps the priority of the run's trigger, so an interactive run stays ahead of re-syncs at every stage.
 */
async function handOver(deps: WorkerDeps, stage: StageName, ids: RunIds, trigger: RunTrigger, log: Logger): Promise<void> {
  const next = nextStage(stage);
  if (next === undefined) await finishRunCompleted(deps, ids, log);
  else await deps.queues.enqueue(next, ids, { trigger });
}

async function processStage<TName extends StageName>(deps: WorkerDeps, stage: Stage<TName>, attempt: Attempt): Promise<void> {
  const { ids, log } = attempt;
  const policy = deps.config.queues.stages[stage.name];
  const events = new StageEvents({ db: deps.db, publisher: deps.publisher, log }, ids, stage.name, deps.config.queues.progressThrottleMs);
  const abort = new StageAbort(stage.name, policy.timeoutMs, attempt.cancelSignal);
  const startedAt = performance.now();
  try {
    const run = await deps.db.runs.get(ids.runId);
    const repository = await deps.db.repositories.get(ids.repositoryId);
    if (run === null || repository === null) {
      log.warn('run or repository no longer exists; dropping the job');
      return;
    }
    if (isTerminalRunStatus(run.status)) {
      log.info({ status: run.status }, 'run already ended; not running the stage');
      return;
    }
    if (run.status === 'queued' && !(await deps.db.runs.transition(ids.runId, 'running'))) return;

    const attemptNumber = await deps.db.runs.stageStarted(ids.runId, stage.name, deps.config.worker.name);
    if (attemptNumber === null) {
      // Delivered again after its worker died between finishing and acknowledging: pass it on, do not redo it.
      log.info('stage already completed; handing over without running it again');
      await handOver(deps, stage.name, ids, run.trigger, log);
      return;
    }
    log.info('stage started');
    await events.milestone('started', attemptNumber > 1 ? `${STAGE_LABELS[stage.name]} (attempt ${attemptNumber})` : STAGE_LABELS[stage.name]);

    const previous = STAGE_NAMES.slice(0, STAGE_NAMES.indexOf(stage.name));
    const context: StageContext = {
      ...ids,
      request: {
        url: repository.url,
        ref: run.ref,
        accessToken: await cloneTokenFor(deps, ids),
        allowPartial: (await deps.db.runs.options(ids.runId))?.allowPartial ?? false,
      },
      workspace: runWorkspace(deps.settings.dataDir, ids.runId),
      results: await deps.db.results.loadAll(ids.runId, previous),
      previousRun: previousRunOf(deps.db, ids),
      signal: abort.signal,
      log,
      report: (progress) => events.report(progress),
    };
    // Any worker can run any stage: one that lacks the checkout clones it again at the pinned commit.
    if (stage.name !== 'initialization') await untilAborted(ensureRunCheckout(context, deps.settings), abort.signal);
    // Racing the abort enforces the timeout even on a stage that does not check its signal.
    const result = await untilAborted(stage.run(context), abort.signal);
    abort.signal.throwIfAborted();
    await events.settle();

    await deps.db.results.save(ids.runId, stage.name, result);
    if (stage.name === 'initialization') {
      const init = result as StageResults['initialization'];
      await deps.db.runs.setCommit(ids.runId, init.commitSha, init.ref);
    }
    const summary = summarizeStage(stage.name, result);
    if (!(await deps.db.runs.stageFinished(ids.runId, stage.name, { status: 'completed', message: summary.message, summary: summary.details }))) {
      log.info('run ended while the stage was finishing; stopping here');
      return;
    }
    await events.milestone('completed', summary.message, { details: summary.details });
    deps.metrics.stageDuration.observe({ stage: stage.name, status: 'completed' }, (performance.now() - startedAt) / 1000);
    log.info({ durationMs: Math.round(performance.now() - startedAt) }, 'stage completed');
    await handOver(deps, stage.name, ids, run.trigger, log);
  } catch (caught) {
    await events.settle();
    deps.metrics.stageDuration.observe({ stage: stage.name, status: 'failed' }, (performance.now() - startedAt) / 1000);
    await handleFailure(deps, { stage: stage.name, attempt, events, error: abort.reason ?? toAppError(caught), caught });
  } finally {
    events.close();
    abort.dispose();
  }
}

interface Failure {
  readonly stage: StageName;
  readonly attempt: Attempt;
  readonly events: StageEvents;
  readonly error: AppError;
  readonly caught: unknown;
}

async function handleFailure(deps: WorkerDeps, failure: Failure): Promise<never> {
  const { stage, attempt, events, error } = failure;
  const { ids, job, log } = attempt;
  const errorView = { code: error.code, message: error.message };

  if (error.code === 'RUN_CANCELLED') {
    // The API already ended the run and told the feed; record where it stopped.
    log.info('stage aborted: the run was cancelled');
    await deps.db.runs.stageFinished(ids.runId, stage, { status: 'failed', message: 'Cancelled', error: errorView });
    throw new UnrecoverableError(error.message);
  }

  const policy = deps.config.queues.stages[stage];
  const attemptsMade = job.attemptsMade + 1;
  if (error.retryable && attemptsMade < policy.attempts) {
    log.warn({ err: failure.caught, code: error.code, attemptsMade }, 'stage attempt failed; it will be retried');
    deps.metrics.retryAttempts.inc({ stage, error_code: error.code });
    await deps.db.runs.stageAttemptFailed(ids.runId, stage, errorView);
    await events.note(`Attempt ${attemptsMade} of ${policy.attempts} failed (${error.message}); retrying`, {
      attempt: attemptsMade,
      errorCode: error.code,
    });
    throw error;
  }

  log.error({ err: failure.caught, code: error.code }, 'stage failed');
  await deps.db.runs.stageFinished(ids.runId, stage, { status: 'failed', message: error.message, error: errorView });
  await finishRunFailed(deps, ids, { stage, error, log });
  throw new UnrecoverableError(error.message);
}

