import { expandIdentifiers } from './split-identifiers.js';

/**
 * Counts tokens the way one embedding model reads a text, so chunks can be cut to what it reads:
 * anything past `maxTokens` is truncated away and never reaches the vector.
 */
export interface TokenCounter {
  /** Tokens of `text` as the model is given it (identifiers expanded), special tokens left out. */
  count(text: string): number;
  /** Tokens of one text the model reads, special tokens left out. */
  readonly maxTokens: number;
}

/** What a counter reports for a model whose tokenizer names no maximum length (BERT's usual 512). */
export const DEFAULT_MAX_TOKENS = 510;

/**
 * The budget of a model from its tokenizer's model_max_length and its special tokens; a missing or
 * absurd length (some tokenizers say 1e30) falls back to the usual BERT length.
 */
export function modelTokenBudget(modelMaxLength: unknown, specialTokens: number): number {
  if (typeof modelMaxLength !== 'number' || !Number.isFinite(modelMaxLength) || modelMaxLength <= specialTokens || modelMaxLength > 1_000_000) {
    return DEFAULT_MAX_TOKENS;
  }
  return Math.floor(modelMaxLength) - specialTokens;
}

/** Distinct texts whose count a counter remembers before it starts over (a few MB at most). */
const COUNT_CACHE_LIMIT = 200_000;

/**
 * A counter from a tokenizer's count of plain text, applying the same preprocessing as `embed`.
 * Counts are remembered by the trimmed text (whitespace is never a token): the chunker counts every
 * line of a repository, and a third to three quarters of code lines repeat (`}`, `return result;`).
 */
export function tokenCounterFor(countPlain: (text: string) => number, maxTokens: number): TokenCounter {
  const counts = new Map<string, number>();
  return {
    maxTokens,
    count(text) {
      const trimmed = text.trim();
      if (trimmed === '') return 0;
      let tokens = counts.get(trimmed);
      if (tokens === undefined) {
        tokens = countPlain(expandIdentifiers(trimmed));
        if (counts.size >= COUNT_CACHE_LIMIT) counts.clear();
        counts.set(trimmed, tokens);
      }
      return tokens;
    },
  };
}

/** Letters and digits in one run, or a single other visible character (BERT splits punctuation apart). */
const APPROXIMATE_PIECE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
/** Characters of a word per word piece, roughly, in code (common words are one piece, identifiers several). */
const CHARACTERS_PER_PIECE = 6;

/**
 * An estimate of a BERT-style tokenizer's count, for when no model is loaded (a lexical-only index):
 * every punctuation mark a token, every word a token per few characters.
 */
export function approximateTokenCounter(maxTokens = DEFAULT_MAX_TOKENS): TokenCounter {
  return {
    maxTokens,
    count(text) {
      let tokens = 0;
      for (const match of expandIdentifiers(text).matchAll(APPROXIMATE_PIECE)) {
        tokens += Math.ceil(match[0].length / CHARACTERS_PER_PIECE);
      }
      return tokens;
    },
  };
}
