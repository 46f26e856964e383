import type { Chunk } from '@repolens/contracts';
import { contentHash, type CachedVector, type EmbeddingCache } from '../embedding/embedding-cache.js';
import { isZeroVector, type Embedder } from '../embedding/embedder.js';

/** Chunks given to the model at a time, and reported (also where an abort is noticed). */
export const EMBEDDING_SLICE = 256;
/** Hashes looked up in the cache per call. */
const LOOKUP_BATCH = 1_000;

export interface EmbeddingProgress {
  /** Chunks that have their vector so far. */
  readonly done: number;
  readonly total: number;
  /** Texts the model embedded (a text repeated within the run is embedded once). */
  readonly embedded: number;
  /** Chunks whose vector came from the cache. */
  readonly reused: number;
}

export type ChunkVector = { readonly id: number; readonly vector: Float32Array };

export interface EmbedChunksOptions {
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  readonly cache: EmbeddingCache | null;
  readonly signal: AbortSignal;
  onProgress(progress: EmbeddingProgress): void;
  /**
   * Each slice of chunks with the vectors of those the model could represent, called while the model
   * embeds the next slice: work done here (indexing) overlaps the model's.
   */
  onSlice(chunks: readonly Chunk[], vectors: readonly ChunkVector[]): void;
}

export interface EmbeddedChunks {
  readonly embedded: number;
  readonly reused: number;
}

/**
 * Vectors for every chunk: from the cache by content hash where the model has embedded the same text
 * before (all looked up first, so the model never waits on the cache), from the model otherwise, a slice
 * at a time, each stored in the cache while the next is embedded.
 */
export async function embedChunks(options: EmbedChunksOptions): Promise<EmbeddedChunks> {
  const { chunks, embedder, cache, signal } = options;
  const model = { modelId: embedder.modelId, dimension: embedder.dimension };
  const hashes = chunks.map((chunk) => contentHash(chunk.text));
  options.onProgress({ done: 0, total: chunks.length, embedded: 0, reused: 0 });
  const vectors = cache === null ? new Map<string, Float32Array>() : await lookUpAll(cache, model, hashes, signal);
  const reused = hashes.filter((hash) => vectors.has(hash)).length;
  let embedded = 0;
  const store = storeInBackground(cache, model);

  /** Hands the slice's texts not yet known to the model (the call posts them to its threads at once). */
  const startSlice = (start: number) => {
    const missing = new Map<string, string>();
    for (let i = start; i < Math.min(chunks.length, start + EMBEDDING_SLICE); i++) {
      const hash = hashes[i];
      const chunk = chunks[i];
      if (hash !== undefined && chunk !== undefined && !vectors.has(hash)) missing.set(hash, chunk.text);
    }
    const computed = missing.size === 0 ? Promise.resolve([]) : embedder.embed([...missing.values()], signal);
    // Observed here too: a slice left behind by an abort must not reject unhandled.
    computed.catch(() => undefined);
    return { start, missing: [...missing.keys()], computed };
  };

  let current: ReturnType<typeof startSlice> | null = chunks.length === 0 ? null : startSlice(0);
  while (current !== null) {
    signal.throwIfAborted();
    const computed = await current.computed;
    const fresh: CachedVector[] = current.missing.flatMap((hash, i) => {
      const vector = computed[i];
      return vector === undefined ? [] : [{ hash, vector }];
    });
    for (const { hash, vector } of fresh) vectors.set(hash, vector);
    embedded += fresh.length;
    store.add(fresh);

    const { start } = current;
    const end = Math.min(chunks.length, start + EMBEDDING_SLICE);
    const next = end < chunks.length ? startSlice(end) : null;
    const slice = chunks.slice(start, end);
    const sliceVectors: ChunkVector[] = [];
    slice.forEach((chunk, i) => {
      const vector = vectors.get(hashes[start + i] ?? '');
      if (vector !== undefined && !isZeroVector(vector)) sliceVectors.push({ id: chunk.id, vector });
    });
    options.onSlice(slice, sliceVectors);
    options.onProgress({ done: end, total: chunks.length, embedded, reused });
    current = next;
  }
  await store.finished();
  return { embedded, reused };
}

async function lookUpAll(
  cache: EmbeddingCache,
  model: { modelId: string; dimension: number },
  hashes: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(hashes)];
  const found = new Map<string, Float32Array>();
  for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
    signal.throwIfAborted();
    for (const [hash, vector] of await cache.get(model, unique.slice(start, start + LOOKUP_BATCH))) found.set(hash, vector);
  }
  return found;
}

/** Stores vectors one batch after another without holding up the embedding; the first failure is kept for the end. */
function storeInBackground(cache: EmbeddingCache | null, model: { modelId: string; dimension: number }) {
  let storing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  return {
    add(entries: readonly CachedVector[]): void {
      if (cache === null || entries.length === 0) return;
      storing = storing
        .then(() => cache.put(model, entries))
        .catch((error: unknown) => {
          failure ??= { error };
        });
    },
    async finished(): Promise<void> {
      await storing;
      if (failure !== null) throw failure.error;
    },
  };
}
