import { AppError, type RunTrigger, type RunView } from '@repolens/contracts';
import type { Database } from '@repolens/db';
import { runEndMessage, type EventPublisher, type RunCredentials } from '@repolens/realtime';
import type { StageQueues } from './stage-queues.js';

/** What starting a run needs; the API's and the worker's dependencies both provide it. */
export interface RunLauncherDeps {
  readonly db: Pick<Database, 'runs' | 'repositories'>;
  readonly queues: Pick<StageQueues, 'enqueue'>;
  readonly publisher: Pick<EventPublisher, 'endRun'>;
  readonly credentials: Pick<RunCredentials, 'store'>;
}

export interface LaunchRunInput {
  readonly repositoryId: string;
  /** Branch, tag or commit to analyse; null for the default branch. */
  readonly ref: string | null;
  readonly trigger: RunTrigger;
  /** By default, what the repository's latest run was allowed: a re-sync of a partial analysis stays partial. */
  readonly allowPartial?: boolean;
  /** Held encrypted for the run's life only. */
  readonly accessToken?: string | null;
}

/** A new run, or the repository's run already in progress (one active run per repository). */
export type LaunchOutcome = { readonly kind: 'started'; readonly runId: string } | { readonly kind: 'active'; readonly run: RunView };

/**
 * Starts a run of a repository, whatever asked for it (a person, a re-analysis, a push, a schedule):
 * creates it, makes it the repository's latest, and queues its first stage at its trigger's priority.
 */
export async function launchRun(deps: RunLauncherDeps, input: LaunchRunInput): Promise<LaunchOutcome> {
  const active = await deps.db.runs.findActive(input.repositoryId);
  if (active !== null) return { kind: 'active', run: active };

  const runId = await deps.db.runs.create({
    repositoryId: input.repositoryId,
    ref: input.ref,
    trigger: input.trigger,
    allowPartial: input.allowPartial ?? (await inheritedAllowPartial(deps.db, input.repositoryId)),
  });
  if (runId === null) {
    // A simultaneous request for the same repository created the run first: share it.
    const winner = await deps.db.runs.findActive(input.repositoryId);
    if (winner === null) throw new AppError('INTERNAL_ERROR', 'The run could not be created.');
    return { kind: 'active', run: winner };
  }
  await deps.db.repositories.setLatestRun(input.repositoryId, runId);
  try {
    if (input.accessToken != null) await deps.credentials.store(runId, input.accessToken);
    await deps.queues.enqueue('initialization', { runId, repositoryId: input.repositoryId }, { trigger: input.trigger });
  } catch (caught) {
    // A run nobody will pick up must not block the repository: end it, then report the failure.
    const error = new AppError('SERVICE_UNAVAILABLE', 'The analysis could not be queued; try again.', { cause: caught });
    const view = { code: error.code, message: error.message };
    const ids = { runId, repositoryId: input.repositoryId };
    await deps.publisher.endRun(runId, 'failed', { error: view, events: () => [runEndMessage(ids, 'failed', error.message, view)] }).catch(() => undefined);
    throw error;
  }
  return { kind: 'started', runId };
}

async function inheritedAllowPartial(db: RunLauncherDeps['db'], repositoryId: string): Promise<boolean> {
  const latestRunId = (await db.repositories.get(repositoryId))?.latestRunId ?? null;
  return latestRunId === null ? false : ((await db.runs.options(latestRunId))?.allowPartial ?? false);
}
