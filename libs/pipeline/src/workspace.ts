import path from 'node:path';

/** Where a run's files live under the shared data directory. */
export interface RunWorkspace {
  readonly checkoutDir: string;
  readonly indexDir: string;
  /** `indexDir` relative to the data directory: what is stored, so any process can resolve it. */
  readonly indexPath: string;
}

export function runWorkspace(dataDir: string, runId: string): RunWorkspace {
  const indexPath = path.posix.join('indexes', runId);
  return {
    checkoutDir: path.join(dataDir, 'checkouts', runId),
    indexDir: path.join(dataDir, indexPath),
    indexPath,
  };
}

export function resolveIndexDir(dataDir: string, indexPath: string): string {
  return path.join(dataDir, indexPath);
}
