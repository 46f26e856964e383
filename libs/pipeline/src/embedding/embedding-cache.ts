import { createHash } from 'node:crypto';
import type { Logger } from 'pino';

/** Vectors of different models, or of one model at another size, are never mixed up. */
export interface EmbeddingModelKey {
  readonly modelId: string;
  readonly dimension: number;
}

export interface CachedVector {
  /** `contentHash` of the text the vector was computed from. */
  readonly hash: string;
  readonly vector: Float32Array;
}

/**
 * Vectors kept by the content they were computed from, so an unchanged chunk is embedded once per
 * model, whichever run or repository it turns up in. Shared by every worker of a deployment (the
 * worker wires one backed by Postgres).
 */
export interface EmbeddingCache {
  /** The stored vectors among `hashes`; a hash with none is absent from the map. */
  get(model: EmbeddingModelKey, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Stores vectors; a hash already stored keeps the vector it has. */
  put(model: EmbeddingModelKey, entries: readonly CachedVector[]): Promise<void>;
}

/**
 * Bumped when what a vector is computed from changes for the same text (how texts are prepared for the
 * model), so vectors made the old way are not reused.
 */
const VECTOR_RECIPE = 'repolens-embedding-v1';

/** The key of a text in the cache: SHA-256 of the recipe and the exact text embedded, as hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(VECTOR_RECIPE).update('\0').update(text).digest('hex');
}

/**
 * The cache as the embedding stage uses it: an optimisation, never a reason to fail. A lookup that fails
 * finds nothing (everything is embedded), a store that fails is only logged.
 */
export function failSafeEmbeddingCache(cache: EmbeddingCache, log: Pick<Logger, 'warn'>): EmbeddingCache {
  return {
    async get(model, hashes) {
      try {
        return await cache.get(model, hashes);
      } catch (err) {
        log.warn({ err, modelId: model.modelId }, 'embedding cache lookup failed; embedding those chunks');
        return new Map();
      }
    },
    async put(model, entries) {
      try {
        await cache.put(model, entries);
      } catch (err) {
        log.warn({ err, modelId: model.modelId }, 'embedding cache store failed; vectors not kept for later runs');
      }
    },
  };
}

/** A cache in this process's memory: for one-process tools (the benchmark) and tests. */
export function createMemoryEmbeddingCache(): EmbeddingCache & { readonly size: number } {
  const vectors = new Map<string, Float32Array>();
  const keyOf = (model: EmbeddingModelKey, hash: string): string => `${model.modelId}\0${model.dimension}\0${hash}`;
  return {
    get size() {
      return vectors.size;
    },
    async get(model, hashes) {
      const found = new Map<string, Float32Array>();
      for (const hash of hashes) {
        const vector = vectors.get(keyOf(model, hash));
        if (vector !== undefined) found.set(hash, vector);
      }
      return found;
    },
    async put(model, entries) {
      for (const { hash, vector } of entries) {
        const key = keyOf(model, hash);
        if (!vectors.has(key)) vectors.set(key, vector);
      }
    },
  };
}
