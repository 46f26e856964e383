import { availableParallelism } from 'node:os';
import { StaticEmbeddingPool } from './static-embedding-pool.js';
import { StaticEncoder } from './static-encoder.js';
import type { StaticModelData } from './static-model.js';
import type { WordPieceTokenizer } from './wordpiece-tokenizer.js';

/** Fewer texts than this are embedded in the calling thread: a query is faster than a round trip. */
const MIN_TEXTS_FOR_THREADS = 8;
/** Parts per thread a call is cut into, so threads that finish early take more (they stay balanced). */
const PARTS_PER_THREAD = 4;
/** Texts per message to a worker: enough that posting it costs little next to embedding it. */
const MIN_TEXTS_PER_MESSAGE = 4;
/** And few enough that a large call is spread over every thread. */
const MAX_TEXTS_PER_MESSAGE = 256;

/**
 * A loaded static embedding model: an encoder in this thread for small calls, and a pool of worker
 * threads (one per core, started on the first large call and kept) for the rest.
 */
export class StaticModelRuntime {
  readonly dimension: number;
  readonly #data: StaticModelData;
  readonly #local: StaticEncoder;
  readonly #threads: number;
  #pool: StaticEmbeddingPool | undefined;

  constructor(data: StaticModelData, tokenizer: WordPieceTokenizer, threads = availableParallelism()) {
    this.dimension = data.dimension;
    this.#data = data;
    this.#local = new StaticEncoder(tokenizer, new Float32Array(data.table), data.dimension);
    this.#threads = Math.max(0, Math.floor(threads));
  }

  /** One vector per text, in order; texts are spread over the threads in contiguous parts. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length < MIN_TEXTS_FOR_THREADS || this.#threads === 0) return this.#rows(this.#local.embed(texts), texts.length);
    this.#pool ??= new StaticEmbeddingPool(this.#data, this.#threads, (part) => this.#local.embed(part));
    if (!this.#pool.ready) {
      // The threads are still starting: this thread embeds meanwhile, yielding first so that their
      // "ready" messages are heard between calls.
      await new Promise((resolve) => setImmediate(resolve));
      return this.#rows(this.#local.embed(texts), texts.length);
    }
    const size = Math.min(MAX_TEXTS_PER_MESSAGE, Math.max(MIN_TEXTS_PER_MESSAGE, Math.ceil(texts.length / (this.#threads * PARTS_PER_THREAD))));
    const pending: Array<Promise<Float32Array>> = [];
    for (let start = 0; start < texts.length; start += size) pending.push(this.#pool.embed(texts.slice(start, start + size)));
    const vectors: Float32Array[] = [];
    for (const [index, part] of (await Promise.all(pending)).entries()) {
      vectors.push(...this.#rows(part, Math.min(size, texts.length - index * size)));
    }
    return vectors;
  }

  /** Each text's own array, so a caller keeping one vector does not keep the whole batch. */
  #rows(vectors: Float32Array, count: number): Float32Array[] {
    const rows: Float32Array[] = [];
    for (let row = 0; row < count; row += 1) rows.push(vectors.slice(row * this.dimension, (row + 1) * this.dimension));
    return rows;
  }
}
