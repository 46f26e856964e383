import { AppError, type CreateRepositoryResponse, type ReanalyzeBody } from '@repolens/contracts';
import { launchRun } from '@repolens/queues';
import type { AppDeps } from '../app-deps.js';

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
