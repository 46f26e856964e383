import { AppError, type RunView } from '@repolens/contracts';
import { requestCancel, runEndMessage, stageMessage } from '@repolens/realtime';
import type { AppDeps } from '../app-deps.js';

const CANCELLED = { code: 'RUN_CANCELLED', message: 'The run was cancelled.' } as const;

/**
 * Ends a queued or running run as cancelled. The status change, the running stage's failure and the run's
 * end are written together; the worker running the stage is then told to abort and only records where
 * it stopped.
 */
export async function cancelRun(deps: AppDeps, runId: string): Promise<RunView> {
  const run = await deps.db.runs.get(runId);
  if (run === null) throw new AppError('NOT_FOUND', 'No such run.');
  const ids = { runId, repositoryId: run.repositoryId };
  const ended = await deps.publisher.endRun(runId, 'cancelled', {
    error: CANCELLED,
    events: (running) => [
      ...(running === null
        ? []
        : [stageMessage(ids, { stage: running.stage, status: 'failed', progress: running.progress, message: 'Cancelled', error: CANCELLED })]),
      runEndMessage(ids, 'cancelled', 'The run was cancelled', CANCELLED),
    ],
  });
  if (!ended) throw new AppError('RUN_NOT_CANCELLABLE', `The run has already ended (${(await deps.db.runs.status(runId)) ?? run.status}).`);
  await deps.queues.removeWaiting(runId);
  await requestCancel(deps.redis, deps.config.redis.prefix, runId);
  await deps.credentials.forget(runId);
  deps.metrics.runsFinished.inc({ status: 'cancelled', error_code: CANCELLED.code });
  const updated = await deps.db.runs.get(runId);
  if (updated === null) throw new AppError('NOT_FOUND', 'No such run.');
  return updated;
}
