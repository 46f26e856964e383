import { AppError, type FileAnalysis, type StructureFile } from '@repolens/contracts';
import type { Database } from '@repolens/db';
import { runWorkspace } from '@repolens/pipeline';
import { buildSymbolIndex, type SymbolIndex } from './symbol-index.js';

/** What the explorer shows of a repository: its newest completed run's files, symbols and checkout. */
export interface ExplorerAnalysis {
  readonly runId: string;
  readonly commitSha: string | null;
  readonly checkoutDir: string;
  /** Every analysed file in path order, and the same files by path. */
  readonly files: readonly StructureFile[];
  readonly fileByPath: ReadonlyMap<string, StructureFile>;
  /** The code analysis of each parsed file, by path. */
  readonly codeByPath: ReadonlyMap<string, FileAnalysis>;
  readonly symbols: SymbolIndex;
}

export interface ExplorerAnalyses {
  forRepository(repositoryId: string): Promise<ExplorerAnalysis>;
}

/**
 * A run's results never change once it completed, so each is loaded and indexed once and kept for
 * the next requests (a few runs at a time: a large repository's code analysis is many megabytes).
 */
export function createExplorerAnalyses(db: Database, dataDir: string, capacity = 4): ExplorerAnalyses {
  const cache = new Map<string, Promise<ExplorerAnalysis>>();

  const load = async (runId: string, commitSha: string | null): Promise<ExplorerAnalysis> => {
    const results = await db.results.loadAll(runId, ['structure', 'code_analysis']);
    if (results.structure === undefined) throw new AppError('INDEX_NOT_READY', 'This analysis has no file structure.');
    const files = [...results.structure.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const code = results.code_analysis?.files ?? [];
    return {
      runId,
      commitSha,
      checkoutDir: runWorkspace(dataDir, runId).checkoutDir,
      files,
      fileByPath: new Map(files.map((file) => [file.path, file])),
      codeByPath: new Map(code.map((file) => [file.path, file])),
      symbols: buildSymbolIndex(code),
    };
  };

  return {
    async forRepository(repositoryId) {
      if ((await db.repositories.get(repositoryId)) === null) throw new AppError('NOT_FOUND', 'No such repository.');
      const run = await db.runs.findLatestCompleted(repositoryId);
      if (run === null) throw new AppError('INDEX_NOT_READY', 'The repository has not finished its first analysis yet.');
      let entry = cache.get(run.id);
      if (entry === undefined) {
        entry = load(run.id, run.commitSha);
        // A failed load is not kept: the next request tries again.
        entry.catch(() => cache.delete(run.id));
        cache.set(run.id, entry);
        while (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      } else {
        // Most recently used last, so the oldest is the one evicted.
        cache.delete(run.id);
        cache.set(run.id, entry);
      }
      return entry;
    },
  };
}
