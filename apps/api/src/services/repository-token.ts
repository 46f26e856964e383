import { AppError, type RepositoryCredentialsView } from '@repolens/contracts';
import type { RepositoryRecord } from '@repolens/db';
import { parseRepositoryUrl, repositoryUrlOptions, resolveRemoteCommit } from '@repolens/pipeline';
import type { AppDeps } from '../app-deps.js';

const REMOTE_LOOKUP_TIMEOUT_MS = 10_000;

type TokenDeps = Pick<AppDeps, 'config' | 'repositoryTokens'>;

/**
 * Keeps `token` for the repository's re-syncs, after checking that the host accepts it (an `ls-remote`
 * with it): a mistyped or revoked token is refused now, with the host's answer (REPOSITORY_AUTH_REQUIRED,
 * REPOSITORY_NOT_FOUND …), rather than replacing a working one and failing the next push. Only https
 * repositories take tokens.
 */
export async function rememberCheckedToken(deps: TokenDeps, repository: RepositoryRecord, token: string): Promise<RepositoryCredentialsView> {
  const url = parseRepositoryUrl(repository.url, repositoryUrlOptions(deps.config.pipeline));
  if (url.kind !== 'https') {
    throw new AppError('VALIDATION_ERROR', 'Access tokens are used with https:// repositories only; this repository needs none.');
  }
  await resolveRemoteCommit(url, null, token, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS), { network: deps.config.pipeline.network });
  const storedAt = await deps.repositoryTokens.remember(repository.id, token);
  return { repositoryId: repository.id, hasStoredToken: true, storedAt: storedAt.toISOString() };
}

export async function repositoryCredentialsView(deps: TokenDeps, repositoryId: string): Promise<RepositoryCredentialsView> {
  const storedAt = await deps.repositoryTokens.storedAt(repositoryId);
  return { repositoryId, hasStoredToken: storedAt !== null, storedAt: storedAt?.toISOString() ?? null };
}
