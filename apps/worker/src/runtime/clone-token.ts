import type { RunIds } from '@repolens/realtime';
import type { WorkerDeps } from './worker-deps.js';

/**
 * The token a run clones with: its own (given with the submission, re-analysis or retry), else the one its
 * repository keeps for re-syncs (webhook and scheduled runs never bring one). Null for a public repository.
 */
export async function cloneTokenFor(deps: Pick<WorkerDeps, 'credentials' | 'repositoryTokens'>, ids: RunIds): Promise<string | null> {
  return (await deps.credentials.get(ids.runId)) ?? (await deps.repositoryTokens.get(ids.repositoryId));
}
