import { AppError, type FileAnalysis, type RunView, type StructureFile } from '@repolens/contracts';
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

/** Which analysis to read: the newest completed one by default, or a run the client pinned. */
export interface ExplorerRequest {
  readonly runId?: string | undefined;
  /** The caller reads files from the checkout: a run whose checkout was removed answers 410. */
  readonly needsCheckout?: boolean;
}

export interface ExplorerAnalyses {
  forRepository(repositoryId: string, request?: ExplorerRequest): Promise<ExplorerAnalysis>;
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

  /** The run to read, refused with the reason when it cannot be read (not this repository's, unfinished, collected). */
  const runToRead = async (repositoryId: string, request: ExplorerRequest): Promise<RunView> => {
    if ((await db.repositories.get(repositoryId)) === null) throw new AppError('NOT_FOUND', 'No such repository.');
    const run = request.runId === undefined ? await db.runs.findLatestCompleted(repositoryId) : await db.runs.get(request.runId);
    if (run === null && request.runId === undefined) throw new AppError('INDEX_NOT_READY', 'The repository has not finished its first analysis yet.');
    if (run === null || run.repositoryId !== repositoryId) throw new AppError('NOT_FOUND', 'This repository has no such run.');
    if (run.status !== 'completed') throw new AppError('INDEX_NOT_READY', `That run is ${run.status}; only a completed analysis can be explored.`);
    const artefacts = await db.runArtefacts.state(run.id);
    if (artefacts?.indexRemovedAt != null) {
      throw new AppError('RUN_ARTEFACTS_DELETED', `The analysis of run ${run.id} was removed by the retention policy; open the repository's current analysis.`);
    }
    if (request.needsCheckout === true && artefacts?.checkoutRemovedAt != null) {
      throw new AppError('RUN_ARTEFACTS_DELETED', `The files of run ${run.id} are no longer kept (only the current analysis keeps its checkout).`);
    }
    return run;
  };

  return {
    async forRepository(repositoryId, request = {}) {
      const run = await runToRead(repositoryId, request);
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
