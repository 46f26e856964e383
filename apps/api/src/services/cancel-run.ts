import { AppError, type RunView } from '@repolens/contracts';
import { requestCancel, runEndMessage, stageMessage } from '@repolens/realtime';
import type { AppDeps } from '../app-deps.js';

const CANCELLED = { code: 'RUN_CANCELLED', message: 'The run was cancelled.' } as const;

/**
 * Ends a queued or running run as cancelled. The feed gets the running stage's failure and the run's end
 * from here, in that order; the worker running the stage is told to abort and only records where it stopped.
 */
export async function cancelRun(deps: AppDeps, runId: string): Promise<RunView> {
  const run = await deps.db.runs.get(runId);
  if (run === null) throw new AppError('NOT_FOUND', 'No such run.');
  const runningStage = run.stages.find((stage) => stage.status === 'running');
  if (!(await deps.db.runs.transition(runId, 'cancelled', CANCELLED))) {
    throw new AppError('RUN_NOT_CANCELLABLE', `The run has already ended (${run.status}).`);
  }
  const ids = { runId, repositoryId: run.repositoryId };
  if (runningStage !== undefined) {
    await deps.publisher.publish(
      stageMessage(ids, { stage: runningStage.stage, status: 'failed', progress: runningStage.progress, message: 'Cancelled', error: CANCELLED }),
    );
  }
  await deps.db.runs.skipPendingStages(runId);
  await deps.publisher.publish(runEndMessage(ids, 'cancelled', 'The run was cancelled', CANCELLED));
  await deps.queues.removeWaiting(runId);
  await requestCancel(deps.redis, deps.config.redis.prefix, runId);
  await deps.credentials.forget(runId);
  deps.metrics.runsFinished.inc({ status: 'cancelled', error_code: CANCELLED.code });
  const updated = await deps.db.runs.get(runId);
  if (updated === null) throw new AppError('NOT_FOUND', 'No such run.');
  return updated;
}
