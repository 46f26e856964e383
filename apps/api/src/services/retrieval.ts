import { AppError, type SearchResponse } from '@repolens/contracts';
import type { Logger } from '@repolens/logger';
import {
  createIndexCache,
  loadEmbedder,
  resolveIndexDir,
  searchRepositoryIndex,
  type Embedder,
  type EmbeddingSettings,
} from '@repolens/pipeline';

export interface SearchRequest {
  readonly indexPath: string;
  readonly query: string;
  readonly k: number;
  readonly groupBy: 'chunk' | 'file';
}

/** Search over persisted indexes: loaded indexes kept in an LRU, the query embedder loaded once per process. */
export interface Retrieval {
  search(request: SearchRequest): Promise<SearchResponse>;
}

export function createRetrieval(input: { dataDir: string; embedding: EmbeddingSettings; log: Logger; maxLoadedIndexes?: number }): Retrieval {
  const cache = createIndexCache(input.maxLoadedIndexes ?? 16);
  let embedder: Promise<Embedder | null> | undefined;

  // A model that cannot load leaves search lexical-only rather than failing it; it is retried later.
  const queryEmbedder = (): Promise<Embedder | null> => {
    embedder ??= loadEmbedder(input.embedding).catch((err: unknown) => {
      input.log.warn({ err }, 'embedding model unavailable; searching lexically');
      embedder = undefined;
      return null;
    });
    return embedder;
  };

  return {
    async search(request) {
      const index = await cache.get(resolveIndexDir(input.dataDir, request.indexPath)).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError('INDEX_NOT_READY', 'The search index of this repository could not be read.', { cause: error });
      });
      const dense = index.vectors === null ? null : await queryEmbedder();
      const outcome = await searchRepositoryIndex(index, request.query, { k: request.k, groupBy: request.groupBy, embedder: dense });
      return { results: outcome.results, modes: outcome.modes };
    },
  };
}
