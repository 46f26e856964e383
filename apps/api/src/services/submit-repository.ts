import type { CreateRepositoryBody, CreateRepositoryResponse } from '@repolens/contracts';
import { parseRepositoryUrl, resolveRemoteCommit } from '@repolens/pipeline';
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
  const url = parseRepositoryUrl(body.url, { allowLocal: deps.config.pipeline.allowLocalRepositories });
  const token = body.accessToken ?? url.embeddedToken;
  const ref = body.ref ?? null;
  const repository = await deps.db.repositories.upsert({ url: url.cloneUrl, name: url.name, ref });

  const active = await deps.db.runs.findActive(repository.id);
  if (active !== null) return { repositoryId: repository.id, runId: active.id, status: active.status, existing: true };

  const latest = repository.latestRunId === null ? null : await deps.db.runs.get(repository.latestRunId);
  if (latest?.status === 'completed' && latest.commitSha !== null) {
    const commit = await resolveRemoteCommit(url, ref, token, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS)).catch((err: unknown) => {
      log.info({ err }, 'could not look up the remote commit; analysing again');
      return null;
    });
    const done = commit === null ? null : await deps.db.runs.findCompletedAtCommit(repository.id, commit);
    if (done !== null) return { repositoryId: repository.id, runId: done.id, status: done.status, existing: true };
  }

  const runId = await deps.db.runs.create({ repositoryId: repository.id, ref, trigger: 'interactive' });
  await deps.db.repositories.setLatestRun(repository.id, runId);
  if (token !== null) await deps.credentials.store(runId, token);
  await deps.queues.enqueue('initialization', { runId, repositoryId: repository.id });
  log.info({ runId, repositoryId: repository.id }, 'analysis queued');
  return { repositoryId: repository.id, runId, status: 'queued', existing: false };
}
