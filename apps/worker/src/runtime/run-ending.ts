import type { AppError, StageName } from '@repolens/contracts';
import type { Logger } from '@repolens/logger';
import { readyMessage, runEndMessage, stageMessage, type RunIds } from '@repolens/realtime';
import type { WorkerDeps } from './worker-deps.js';

/** After the last stage: the assistant is ready, then the run is completed. */
export async function finishRunCompleted(deps: WorkerDeps, ids: RunIds, log: Logger): Promise<void> {
  const ready = await deps.publisher.publishWhileActive(readyMessage(ids));
  if (ready === null || !(await deps.db.runs.transition(ids.runId, 'completed'))) {
    log.info('run ended elsewhere before it could complete');
    return;
  }
  await deps.db.runs.setProgress(ids.runId, 'ready', 1);
  await deps.publisher.publish(runEndMessage(ids, 'completed', 'Analysis complete'));
  await deps.credentials.forget(ids.runId);
  deps.metrics.runsFinished.inc({ status: 'completed', error_code: '' });
  await observeRunDuration(deps, ids.runId, 'completed');
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
  // Status first: once it has moved, no other writer can slip a stage event in after the end.
  if (!(await deps.db.runs.transition(ids.runId, status, errorView))) {
    log.info('run ended elsewhere before its failure was recorded');
    return;
  }
  await deps.publisher.publish(
    stageMessage(ids, { stage, status: 'failed', progress: 0, message: error.message, error: errorView }),
  );
  await deps.db.runs.skipPendingStages(ids.runId);
  await deps.publisher.publish(runEndMessage(ids, status, `The ${stage} stage failed: ${error.message}`, errorView));
  await deps.credentials.forget(ids.runId);
  deps.metrics.runsFinished.inc({ status, error_code: error.code });
  await observeRunDuration(deps, ids.runId, status);
}

async function observeRunDuration(deps: WorkerDeps, runId: string, status: string): Promise<void> {
  const run = await deps.db.runs.get(runId);
  if (run?.startedAt == null || run.finishedAt === null) return;
  deps.metrics.runDuration.observe({ status }, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
}
