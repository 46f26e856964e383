import { expandIdentifiers } from './split-identifiers.js';
import type { WordPieceTokenizer } from './wordpiece-tokenizer.js';

/**
 * Embeds texts with a static model without ONNX: the model's output for a token is its table row
 * (the graph is a Gather, times a mask of ones), so mean pooling and normalisation can be done here.
 * The arithmetic follows transformers.js step for step (mean summed in doubles, token by token, and
 * stored as float32; the norm accumulated in float32), so the vectors equal the pipeline's.
 */
export class StaticEncoder {
  readonly dimension: number;
  readonly #tokenizer: WordPieceTokenizer;
  readonly #table: Float32Array;
  readonly #sums: Float64Array;
  /** The pooled float32 vector before normalisation, as the pipeline's mean_pooling stores it. */
  readonly #mean: Float32Array;
  /** Holds the float32 running sum of squares, as the pipeline's norm does. */
  readonly #norm = new Float32Array(1);

  constructor(tokenizer: WordPieceTokenizer, table: Float32Array, dimension: number) {
    if (table.length % dimension !== 0 || table.length / dimension <= tokenizer.maxTokenId) {
      throw new Error('the embedding table has fewer rows than the tokenizer has tokens');
    }
    this.dimension = dimension;
    this.#tokenizer = tokenizer;
    this.#table = table;
    this.#sums = new Float64Array(dimension);
    this.#mean = new Float32Array(dimension);
  }

  /** One unit vector per text, row after row; a text that pools to nothing gets a zero row. */
  embed(texts: readonly string[]): Float32Array<ArrayBuffer> {
    const vectors = new Float32Array(texts.length * this.dimension);
    texts.forEach((text, index) => {
      this.#embedInto(text, vectors.subarray(index * this.dimension, (index + 1) * this.dimension));
    });
    return vectors;
  }

  #embedInto(text: string, out: Float32Array): void {
    const ids = this.#tokenizer.encode(expandIdentifiers(text));
    const dimension = this.dimension;
    const table = this.#table;
    const sums = this.#sums;
    sums.fill(0);
    for (const id of ids) {
      const row = id * dimension;
      for (let d = 0; d < dimension; d += 1) sums[d] = (sums[d] ?? 0) + (table[row + d] ?? 0);
    }
    // The pipeline divides by the number of attended tokens, special tokens included.
    const mean = this.#mean;
    for (let d = 0; d < dimension; d += 1) mean[d] = (sums[d] ?? 0) / ids.length;

    const norm = this.#norm;
    norm[0] = 0;
    for (let d = 0; d < dimension; d += 1) {
      const value = mean[d] ?? 0;
      norm[0] = (norm[0] ?? 0) + value * value;
    }
    norm[0] = (norm[0] ?? 0) ** 0.5;
    const length = norm[0] ?? 0;
    let finite = true;
    for (let d = 0; d < dimension; d += 1) {
      const value = Math.fround((mean[d] ?? 0) / length);
      if (!Number.isFinite(value)) finite = false;
      out[d] = value;
    }
    // A text with no meaningful tokens pools to 0/0; like the pipeline path, it becomes a zero vector.
    if (!finite) out.fill(0);
  }
}
