import type { CreateRepositoryBody, CreateRepositoryResponse, RunView } from '@repolens/contracts';
import { AppError } from '@repolens/contracts';
import { parseRepositoryUrl, repositoryUrlOptions, resolveRemoteCommit } from '@repolens/pipeline';
import { runEndMessage } from '@repolens/realtime';
import type { AppDeps } from '../app-deps.js';

const REMOTE_LOOKUP_TIMEOUT_MS = 10_000;

/** The request's logger (Fastify's, which is pino underneath). */
interface RequestLog {
  info(details: object, message: string): void;
}

/**
 * Starts an analysis, or returns the one that already covers the request: a run of the same URL and ref
 * still in progress, or a completed run at the commit the ref points to now.
 */
export async function submitRepository(deps: AppDeps, body: CreateRepositoryBody, log: RequestLog): Promise<CreateRepositoryResponse> {
  const url = parseRepositoryUrl(body.url, repositoryUrlOptions(deps.config.pipeline));
  const token = body.accessToken ?? url.embeddedToken;
  const ref = body.ref ?? null;
  const repository = await deps.db.repositories.upsert({ url: url.cloneUrl, name: url.name, ref });

  const active = await deps.db.runs.findActive(repository.id);
  if (active !== null) return joinActive(active);

  const latest = repository.latestRunId === null ? null : await deps.db.runs.get(repository.latestRunId);
  if (latest?.status === 'completed' && latest.commitSha !== null) {
    const commit = await resolveRemoteCommit(url, ref, token, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS), { network: deps.config.pipeline.network }).catch((err: unknown) => {
      log.info({ err }, 'could not look up the remote commit; analysing again');
      return null;
    });
    const done = commit === null ? null : await deps.db.runs.findCompletedAtCommit(repository.id, commit);
    if (done !== null) return { repositoryId: repository.id, runId: done.id, status: done.status, existing: true };
  }

  const runId = await deps.db.runs.create({ repositoryId: repository.id, ref, trigger: 'interactive', allowPartial: body.allowPartial ?? false });
  if (runId === null) {
    // A simultaneous submission of the same repository created the run first: share it.
    const winner = await deps.db.runs.findActive(repository.id);
    if (winner === null) throw new AppError('INTERNAL_ERROR', 'The run could not be created.');
    return joinActive(winner);
  }
  await deps.db.repositories.setLatestRun(repository.id, runId);
  try {
    if (token !== null) await deps.credentials.store(runId, token);
    await deps.queues.enqueue('initialization', { runId, repositoryId: repository.id });
  } catch (caught) {
    // A run nobody will pick up must not block the repository: end it, then report the failure.
    const error = new AppError('SERVICE_UNAVAILABLE', 'The analysis could not be queued; try again.', { cause: caught });
    const ids = { runId, repositoryId: repository.id };
    await deps.publisher
      .endRun(runId, 'failed', { error: toView(error), events: () => [runEndMessage(ids, 'failed', error.message, toView(error))] })
      .catch(() => undefined);
    throw error;
  }
  log.info({ runId, repositoryId: repository.id }, 'analysis queued');
  return { repositoryId: repository.id, runId, status: 'queued', existing: false };
}

/**
 * Returns the run in progress. A token given now is not attached to it: anyone may submit a URL, and a
 * stranger's token on someone else's run could make it fail. Cancel and submit again to use a token.
 */
function joinActive(run: RunView): CreateRepositoryResponse {
  return { repositoryId: run.repositoryId, runId: run.id, status: run.status, existing: true };
}

function toView(error: AppError): { code: AppError['code']; message: string } {
  return { code: error.code, message: error.message };
}

