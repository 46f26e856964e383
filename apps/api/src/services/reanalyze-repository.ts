import { AppError, type CreateRepositoryResponse, type ReanalyzeBody } from '@repolens/contracts';
import { launchRun } from '@repolens/queues';
import type { AppDeps } from '../app-deps.js';
import { rememberCheckedToken } from './repository-token.js';

/**
 * A new run of an analysed repository at the commit its ref points to now (or at `body.ref`), started on
 * request: unlike a submission, it runs even when that commit was analysed already. While a run is in
 * progress that run is returned instead, marked `existing` (one active run per repository).
 */
export async function reanalyzeRepository(
  deps: AppDeps,
  repositoryId: string,
  body: ReanalyzeBody,
  log: { info(details: object, message: string): void },
): Promise<CreateRepositoryResponse> {
  const repository = await deps.db.repositories.get(repositoryId);
  if (repository === null) throw new AppError('NOT_FOUND', 'No such repository.');
  if (body.rememberToken === true) {
    if (body.accessToken === undefined) throw new AppError('VALIDATION_ERROR', 'rememberToken needs an accessToken to keep.');
    await rememberCheckedToken(deps, repository, body.accessToken);
  }
  // Without a token of its own, the run clones with the one the repository keeps (if any).
  const launched = await launchRun(deps, {
    repositoryId,
    ref: body.ref ?? repository.ref,
    trigger: 'reanalyze',
    accessToken: body.accessToken ?? null,
  });
  if (launched.kind === 'active') {
    return { repositoryId, runId: launched.run.id, status: launched.run.status, existing: true };
  }
  log.info({ runId: launched.runId, repositoryId }, 're-analysis queued');
  return { repositoryId, runId: launched.runId, status: 'queued', existing: false };
}
