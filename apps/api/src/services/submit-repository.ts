import { AppError, type CreateRepositoryBody, type CreateRepositoryResponse, type RunView } from '@repolens/contracts';
import { parseRepositoryUrl, repositoryUrlOptions, resolveRemoteCommit } from '@repolens/pipeline';
import { launchRun } from '@repolens/queues';
import type { AppDeps } from '../app-deps.js';
import { checkTokenWithHost } from './repository-token.js';

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
  if (body.rememberToken === true && token === null) throw new AppError('VALIDATION_ERROR', 'rememberToken needs an accessToken to keep.');
  const ref = body.ref ?? null;
  // A token to keep is checked first, so a refused one leaves no repository behind.
  const tokenToKeep = body.rememberToken === true ? token : null;
  if (tokenToKeep !== null) await checkTokenWithHost(deps, url, tokenToKeep);
  const repository = await deps.db.repositories.upsert({ url: url.cloneUrl, name: url.name, ref });
  if (tokenToKeep !== null) await deps.repositoryTokens.remember(repository.id, tokenToKeep);

  const active = await deps.db.runs.findActive(repository.id);
  if (active !== null) return joinActive(active);

  const latest = repository.latestRunId === null ? null : await deps.db.runs.get(repository.latestRunId);
  if (latest?.status === 'completed' && latest.commitSha !== null) {
    const lookupToken = token ?? (await deps.repositoryTokens.get(repository.id));
    const commit = await resolveRemoteCommit(url, ref, lookupToken, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS), { network: deps.config.pipeline.network }).catch((err: unknown) => {
      log.info({ err }, 'could not look up the remote commit; analysing again');
      return null;
    });
    const done = commit === null ? null : await deps.db.runs.findCompletedAtCommit(repository.id, commit);
    if (done !== null) return { repositoryId: repository.id, runId: done.id, status: done.status, existing: true };
  }

  const launched = await launchRun(deps, { repositoryId: repository.id, ref, trigger: 'interactive', allowPartial: body.allowPartial ?? false, accessToken: token });
  if (launched.kind === 'active') return joinActive(launched.run);
  const runId = launched.runId;
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

