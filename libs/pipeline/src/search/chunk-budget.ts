import { approximateTokenCounter, type TokenCounter } from '../embedding/token-counter.js';
import { clipLine } from './chunk-text.js';
import type { LineRange } from './line-ranges.js';

/**
 * Chunks are kept to at most this many tokens even for models that read more: a passage about one thing
 * retrieves better than a long one whose meaning is averaged over many.
 */
export const MAX_CHUNK_TOKENS = 512;

/** How large a chunk may be, in the tokens of the model that will embed it. */
export interface ChunkBudget {
  readonly counter: TokenCounter;
  /** Tokens a chunk's text may have, its header line included. */
  readonly maxTokens: number;
}

/** The budget for a model's counter, or an estimate of a BERT tokenizer's when there is no model. */
export function chunkBudget(counter: TokenCounter = approximateTokenCounter()): ChunkBudget {
  return { counter, maxTokens: Math.max(16, Math.min(MAX_CHUNK_TOKENS, counter.maxTokens)) };
}

/** The token count of each line of a text, counted once, with sums over ranges of lines. */
export class LineTokens {
  /** `#prefix[i]`: tokens of lines 1..i. */
  readonly #prefix: Float64Array;

  constructor(lines: readonly string[], counter: TokenCounter) {
    this.#prefix = new Float64Array(lines.length + 1);
    lines.forEach((line, index) => {
      // A line is tokenised on its own: the tokenizers split at whitespace, so lines add up to the whole.
      this.#prefix[index + 1] = (this.#prefix[index] ?? 0) + counter.count(clipLine(line));
    });
  }

  /** Tokens of one 1-based line. */
  of(line: number): number {
    return (this.#prefix[line] ?? 0) - (this.#prefix[line - 1] ?? 0);
  }

  sum(range: LineRange): number {
    return (this.#prefix[range.end] ?? 0) - (this.#prefix[range.start - 1] ?? 0);
  }
}
