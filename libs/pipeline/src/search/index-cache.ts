import { AppError } from '@repolens/contracts';
import { indexVersionStamp, loadRepositoryIndex, type RepositoryIndex } from './repository-index.js';

/** Loaded indexes of an API process, least recently used dropped first. */
export interface IndexCache {
  /** The index at `dir`, loaded once and reloaded when it has been rebuilt since. */
  get(dir: string): Promise<RepositoryIndex>;
  evict(dir: string): void;
  readonly size: number;
}

interface Entry {
  readonly stamp: string;
  readonly loading: Promise<RepositoryIndex>;
}

export function createIndexCache(maxEntries: number): IndexCache {
  const capacity = Math.max(1, Math.floor(maxEntries));
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry>();

  return {
    async get(dir) {
      const stamp = await indexVersionStamp(dir);
      if (stamp === null) {
        entries.delete(dir);
        throw new AppError('INDEX_NOT_READY');
      }
      let entry = entries.get(dir);
      if (entry === undefined || entry.stamp !== stamp) {
        const loading = loadRepositoryIndex(dir);
        entry = { stamp, loading };
        // A failed load is forgotten so the next request tries again.
        loading.catch(() => {
          if (entries.get(dir)?.loading === loading) entries.delete(dir);
        });
      }
      entries.delete(dir);
      entries.set(dir, entry);
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return entry.loading;
    },
    evict(dir) {
      entries.delete(dir);
    },
    get size() {
      return entries.size;
    },
  };
}
