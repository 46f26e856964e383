import { AppError, type SearchHit, type SearchResponse } from '@repolens/contracts';
import type { Logger } from '@repolens/logger';
import {
  createIndexCache,
  loadEmbedder,
  resolveIndexDir,
  searchRepositoryIndex,
  type Embedder,
  type EmbeddingSettings,
  type Passage,
  type RepositoryIndex,
} from '@repolens/pipeline';
import type { ModelMismatch } from './rebuild-index.js';

export interface SearchRequest {
  readonly indexPath: string;
  readonly query: string;
  readonly k: number;
  readonly groupBy: 'chunk' | 'file';
}

/** Search over persisted indexes: loaded indexes kept in an LRU, the query embedder loaded once per process. */
export interface Retrieval {
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Search hits with each chunk's whole text, for a language model to read. */
  passages(request: SearchRequest): Promise<Passage[]>;
}

export interface RetrievalOptions {
  readonly dataDir: string;
  readonly embedding: EmbeddingSettings;
  readonly log: Logger;
  readonly maxLoadedIndexes?: number;
  /**
   * Told once per index (per process) when the configured model is not the one the index was built
   * with, or the index has no vectors and the model now loads; dense search skips that index meanwhile.
   */
  readonly onModelMismatch?: (mismatch: ModelMismatch) => void;
}

export function createRetrieval(input: RetrievalOptions): Retrieval {
  const cache = createIndexCache(input.maxLoadedIndexes ?? 16);
  let embedder: Promise<Embedder | null> | undefined;
  const mismatchesNoticed = new Set<string>();

  // A model that cannot load leaves search lexical-only rather than failing it; it is retried later.
  const queryEmbedder = (): Promise<Embedder | null> => {
    embedder ??= loadEmbedder(input.embedding).catch((err: unknown) => {
      input.log.warn({ err }, 'embedding model unavailable; searching lexically');
      embedder = undefined;
      return null;
    });
    return embedder;
  };

  const loadIndex = (indexPath: string): Promise<RepositoryIndex> =>
    cache.get(resolveIndexDir(input.dataDir, indexPath)).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      throw new AppError('INDEX_NOT_READY', 'The search index of this repository could not be read.', { cause: error });
    });
  const noticeModelChange = (indexPath: string, index: RepositoryIndex, model: Embedder): void => {
    const built = index.manifest.model;
    if (built !== null && built.id === model.modelId && built.dimension === model.dimension) return;
    if (input.onModelMismatch === undefined || mismatchesNoticed.has(indexPath)) return;
    mismatchesNoticed.add(indexPath);
    input.onModelMismatch({ indexPath, indexModel: built, model: { id: model.modelId, dimension: model.dimension } });
  };
  const searchIndex = async (index: RepositoryIndex, request: SearchRequest) => {
    // A lexical-only index loads the model too when a rebuild may be asked for: it may load now.
    const wantsModel = index.vectors !== null || input.onModelMismatch !== undefined;
    const model = wantsModel ? await queryEmbedder() : null;
    if (model !== null) noticeModelChange(request.indexPath, index, model);
    const dense = index.vectors === null ? null : model;
    return searchRepositoryIndex(index, request.query, { k: request.k, groupBy: request.groupBy, embedder: dense });
  };

  return {
    async search(request) {
      const outcome = await searchIndex(await loadIndex(request.indexPath), request);
      return { results: outcome.results, modes: outcome.modes };
    },
    async passages(request) {
      const index = await loadIndex(request.indexPath);
      const outcome = await searchIndex(index, request);
      const texts = chunkTexts(index);
      return outcome.results.map((hit): Passage => ({ ...hit, text: texts.get(hitKey(hit)) ?? hit.snippet }));
    },
  };
}

const chunkTextsByIndex = new WeakMap<RepositoryIndex, Map<string, string>>();

/** Chunk texts by path and line range, built once per loaded index. */
function chunkTexts(index: RepositoryIndex): Map<string, string> {
  let texts = chunkTextsByIndex.get(index);
  if (texts === undefined) {
    texts = new Map(index.chunks.map((chunk) => [hitKey(chunk), chunk.text]));
    chunkTextsByIndex.set(index, texts);
  }
  return texts;
}

function hitKey(hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine'>): string {
  return `${hit.path}:${hit.startLine}-${hit.endLine}`;
}
