import type { Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import { launchRun, type RunLauncherDeps } from '@repolens/queues';

/** An index built with another embedding model than the one configured (or with none). */
export interface ModelMismatch {
  readonly indexPath: string;
  /** What the index was built with; null for a lexical-only index. */
  readonly indexModel: { readonly id: string; readonly dimension: number } | null;
  /** The model configured now. */
  readonly model: { readonly id: string; readonly dimension: number };
}

export interface RebuildDeps extends RunLauncherDeps {
  readonly db: Database;
  readonly log: Pick<Logger, 'info'>;
}

export type RebuildOutcome = 'submitted' | 'already-requested' | 'run-in-progress' | 'unknown-index';

/**
 * Has the index rebuilt with the configured model: a new run of the same repository at the index's
 * commit (its chunks' vectors for the new model are computed once, then cached). Asked for at most once
 * per repository, commit and model, across every API process; a run already in progress is left to
 * build the new index itself.
 */
export async function rebuildIndexForModel(deps: RebuildDeps, mismatch: ModelMismatch): Promise<RebuildOutcome> {
  const { db } = deps;
  const runId = await db.indexRebuilds.runOfIndex(mismatch.indexPath);
  const run = runId === null ? null : await db.runs.get(runId);
  if (run === null || run.commitSha === null) return 'unknown-index';
  const key = { repositoryId: run.repositoryId, commitSha: run.commitSha, modelId: mismatch.model.id, dimension: mismatch.model.dimension };
  if (!(await db.indexRebuilds.claim(key))) return 'already-requested';

  // A full commit id as the ref: the rebuild analyses exactly the commit the index was made from.
  const launched = await launchRun(deps, { repositoryId: run.repositoryId, ref: run.commitSha, trigger: 'reanalyze' });
  if (launched.kind === 'active') return 'run-in-progress';
  await db.indexRebuilds.setRun(key, launched.runId);
  deps.log.info(
    { runId: launched.runId, repositoryId: run.repositoryId, commitSha: run.commitSha, from: mismatch.indexModel?.id ?? null, to: mismatch.model.id },
    'embedding model changed; rebuilding the index',
  );
  return 'submitted';
}
