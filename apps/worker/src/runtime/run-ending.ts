import type { AppError, StageName, TerminalRunStatus } from '@repolens/contracts';
import type { Logger } from '@repolens/logger';
import { readyMessage, runEndMessage, stageMessage, type RunIds } from '@repolens/realtime';
import type { WorkerDeps } from './worker-deps.js';

/** After the last stage: the run completes, the feed says the assistant is ready and the run ended, atomically. */
export async function finishRunCompleted(deps: WorkerDeps, ids: RunIds, log: Logger): Promise<void> {
  const ended = await deps.publisher.endRun(ids.runId, 'completed', {
    events: () => [readyMessage(ids), runEndMessage(ids, 'completed', 'Analysis complete')],
  });
  if (!ended) {
    log.info('run ended elsewhere before it could complete');
    return;
  }
  await afterRunEnded(deps, ids, 'completed', '');
  log.info('run completed');
}

/** A stage failed for good: the run fails (or times out), and the stages it never reached are skipped. */
export async function finishRunFailed(
  deps: WorkerDeps,
  ids: RunIds,
  failure: { stage: StageName; error: AppError; log: Logger },
): Promise<void> {
  const { stage, error, log } = failure;
  const status = error.code === 'STAGE_TIMEOUT' ? 'timed_out' : 'failed';
  const errorView = { code: error.code, message: error.message };
  const ended = await deps.publisher.endRun(ids.runId, status, {
    error: errorView,
    events: (running) => [
      stageMessage(ids, { stage, status: 'failed', progress: running?.stage === stage ? running.progress : 0, message: error.message, error: errorView }),
      runEndMessage(ids, status, `The ${stage} stage failed: ${error.message}`, errorView),
    ],
  });
  if (!ended) {
    log.info('run ended elsewhere before its failure was recorded');
    return;
  }
  await afterRunEnded(deps, ids, status, error.code);
}

async function afterRunEnded(deps: WorkerDeps, ids: RunIds, status: TerminalRunStatus, errorCode: string): Promise<void> {
  const { runId } = ids;
  await deps.credentials.forget(runId);
  // The run before this one is now superseded: its checkout can go without waiting for the periodic collection.
  await deps.maintenance
    .collectRepository(ids.repositoryId)
    .catch((err: unknown) => deps.log.warn({ err, ...ids }, 'could not ask for the garbage collection of the repository'));
  deps.metrics.runsFinished.inc({ status, error_code: errorCode });
  const run = await deps.db.runs.get(runId);
  if (run?.startedAt == null || run.finishedAt === null) return;
  deps.metrics.runDuration.observe({ status }, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
}
