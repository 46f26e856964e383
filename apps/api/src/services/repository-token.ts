import { AppError, type RepositoryCredentialsView } from '@repolens/contracts';
import type { RepositoryRecord } from '@repolens/db';
import { parseRepositoryUrl, repositoryUrlOptions, resolveRemoteCommit, type ParsedRepositoryUrl } from '@repolens/pipeline';
import type { AppDeps } from '../app-deps.js';

const REMOTE_LOOKUP_TIMEOUT_MS = 10_000;

type TokenDeps = Pick<AppDeps, 'config' | 'repositoryTokens'>;

/**
 * Checks that the host accepts `token` for the repository (an `ls-remote` with it, through the same
 * guarded route as a clone): a mistyped or revoked token is refused now, with the host's answer
 * (REPOSITORY_AUTH_REQUIRED, REPOSITORY_NOT_FOUND …), rather than replacing a working one and failing
 * the next push. Only https repositories take tokens.
 */
export async function checkTokenWithHost(deps: TokenDeps, url: ParsedRepositoryUrl, token: string): Promise<void> {
  if (url.kind !== 'https') {
    throw new AppError('VALIDATION_ERROR', 'Access tokens are used with https:// repositories only; this repository needs none.');
  }
  await resolveRemoteCommit(url, null, token, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS), { network: deps.config.pipeline.network });
}

/** Keeps `token` for the repository's re-syncs once the host has accepted it. */
export async function rememberCheckedToken(deps: TokenDeps, repository: RepositoryRecord, token: string): Promise<RepositoryCredentialsView> {
  await checkTokenWithHost(deps, parseRepositoryUrl(repository.url, repositoryUrlOptions(deps.config.pipeline)), token);
  const storedAt = await deps.repositoryTokens.remember(repository.id, token);
  return { repositoryId: repository.id, hasStoredToken: true, storedAt: storedAt.toISOString() };
}

export async function repositoryCredentialsView(deps: TokenDeps, repositoryId: string): Promise<RepositoryCredentialsView> {
  const storedAt = await deps.repositoryTokens.storedAt(repositoryId);
  return { repositoryId, hasStoredToken: storedAt !== null, storedAt: storedAt?.toISOString() ?? null };
}
