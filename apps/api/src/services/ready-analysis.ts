import { AppError, type StageResults } from '@repolens/contracts';
import type { Database } from '@repolens/db';

export interface ReadyAnalysis {
  readonly runId: string;
  readonly commitSha: string | null;
  readonly indexPath: string;
  readonly metadata: StageResults['metadata'] | null;
  readonly structure: StageResults['structure'] | null;
}

/** The index and analysis that answer questions about a repository: its newest completed run's. */
export async function readyAnalysis(db: Database, repositoryId: string): Promise<ReadyAnalysis> {
  if ((await db.repositories.get(repositoryId)) === null) throw new AppError('NOT_FOUND', 'No such repository.');
  const run = await db.runs.findLatestCompleted(repositoryId);
  if (run === null) throw new AppError('INDEX_NOT_READY', 'The repository has not finished its first analysis yet.');
  const results = await db.results.loadAll(run.id, ['metadata', 'structure', 'embedding']);
  if (results.embedding === undefined) throw new AppError('INDEX_NOT_READY');
  return {
    runId: run.id,
    commitSha: run.commitSha,
    indexPath: results.embedding.indexPath,
    metadata: results.metadata ?? null,
    structure: results.structure ?? null,
  };
}
