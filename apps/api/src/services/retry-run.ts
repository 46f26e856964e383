import { AppError, type RetryRunBody, type RunView } from '@repolens/contracts';
import type { ResumeRefusal } from '@repolens/db';
import { runEndMessage, runResumedMessage } from '@repolens/realtime';
import type { AppDeps } from '../app-deps.js';

/**
 * Retries a failed or timed-out run from the stage that failed: the stages before it keep their results
 * and are not run again, the run goes back to running, and its feed goes on where it stopped.
 */
export async function retryRun(deps: AppDeps, runId: string, body: RetryRunBody): Promise<RunView> {
  const run = await deps.db.runs.get(runId);
  if (run === null) throw new AppError('NOT_FOUND', 'No such run.');
  const ids = { runId, repositoryId: run.repositoryId };
  const outcome = await deps.publisher.resumeRun(runId, (from) => [
    runResumedMessage(ids, `Retrying from the ${from} stage; the stages before it are kept`),
  ]);
  if (!outcome.resumed) throw refusalError(outcome);

  try {
    // The token given with the submission was deleted when the run ended; a re-clone may need one again.
    if (body?.accessToken !== undefined) await deps.credentials.store(runId, body.accessToken);
    await deps.queues.requeue(outcome.from, ids, { trigger: run.trigger });
  } catch (caught) {
    // A resumed run nobody will pick up must not stay running: it fails again, and says why.
    const error = new AppError('SERVICE_UNAVAILABLE', 'The retry could not be queued; try again.', { cause: caught });
    const view = { code: error.code, message: error.message };
    await deps.publisher.endRun(runId, 'failed', { error: view, events: () => [runEndMessage(ids, 'failed', error.message, view)] }).catch(() => undefined);
    throw error;
  }
  deps.metrics.runRetries.inc({ stage: outcome.from });
  const resumed = await deps.db.runs.get(runId);
  if (resumed === null) throw new AppError('NOT_FOUND', 'No such run.');
  return resumed;
}

function refusalError(refusal: ResumeRefusal): AppError {
  switch (refusal.reason) {
    case 'not_found':
      return new AppError('NOT_FOUND', 'No such run.');
    case 'not_retryable':
      return new AppError('RUN_NOT_RETRYABLE', `The run is ${refusal.status}; only a failed or timed-out run can be retried.`);
    case 'superseded':
      return new AppError('RUN_NOT_RETRYABLE', `A newer run of this repository exists (${refusal.latestRunId}); retry or reanalyse that one instead.`);
    case 'repository_busy':
      return new AppError('RUN_NOT_RETRYABLE', 'Another run of this repository is in progress; retry once it has ended.');
  }
}
