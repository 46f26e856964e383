import hnswlib from 'hnswlib-node';
import type { ScoredChunkId } from './lexical-index.js';

const { HierarchicalNSW } = hnswlib;

/** Approximate nearest neighbours by cosine similarity, labelled by chunk id. */
export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  /** Nearest chunks with their cosine similarity, best first. */
  search(vector: Float32Array, limit: number): ScoredChunkId[];
  /** Writes the index; an empty index writes nothing, and `readVectorIndex` expects no file for it. */
  write(file: string): Promise<void>;
}

const M = 16;
/**
 * A lighter graph build with a wider search: on a real repository's vectors (fastify, 4,385 chunks)
 * efConstruction 100 with ef 100 finds the true 10 nearest as often as 200 with 64 did (recall 0.984)
 * and builds in half the time; the build is on every analysis, a search costs well under a millisecond.
 */
const EF_CONSTRUCTION = 100;
const MIN_EF_SEARCH = 100;
const RANDOM_SEED = 100;

export function buildVectorIndex(dimension: number, entries: ReadonlyArray<{ id: number; vector: Float32Array }>): VectorIndex {
  const builder = createVectorIndexBuilder(dimension, entries.length);
  builder.add(entries);
  return builder.finish();
}

/**
 * Builds the index a few vectors at a time, up to `capacity` of them (so it can be done while a model
 * embeds the next ones); the same index as `buildVectorIndex` of all of them in the order added.
 */
export function createVectorIndexBuilder(
  dimension: number,
  capacity: number,
): { add(entries: ReadonlyArray<{ id: number; vector: Float32Array }>): void; finish(): VectorIndex } {
  let index: InstanceType<typeof HierarchicalNSW> | null = null;
  return {
    add(entries) {
      if (entries.length === 0) return;
      if (index === null) {
        index = new HierarchicalNSW('cosine', dimension);
        index.initIndex({ maxElements: Math.max(1, capacity), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: RANDOM_SEED });
      }
      for (const entry of entries) index.addPoint(Array.from(entry.vector), entry.id);
    },
    finish: () => (index === null ? emptyIndex(dimension) : wrap(index, dimension)),
  };
}

/** Reads an index written by `VectorIndex.write`; `size` 0 means none was written. */
export async function readVectorIndex(file: string, dimension: number, size: number): Promise<VectorIndex> {
  if (size === 0) return emptyIndex(dimension);
  const index = new HierarchicalNSW('cosine', dimension);
  await index.readIndex(file);
  return wrap(index, dimension);
}

function wrap(index: InstanceType<typeof HierarchicalNSW>, dimension: number): VectorIndex {
  const size = index.getCurrentCount();
  return {
    dimension,
    size,
    search(vector, limit) {
      const k = Math.min(limit, size);
      if (k <= 0 || vector.length !== dimension) return [];
      index.setEf(Math.max(MIN_EF_SEARCH, k));
      const { neighbors, distances } = index.searchKnn(Array.from(vector), k);
      // hnswlib's cosine distance is 1 - cosine similarity.
      return neighbors.map((id, i) => ({ id, score: 1 - (distances[i] ?? 1) }));
    },
    async write(file) {
      await index.writeIndex(file);
    },
  };
}

function emptyIndex(dimension: number): VectorIndex {
  return { dimension, size: 0, search: () => [], write: async () => undefined };
}
