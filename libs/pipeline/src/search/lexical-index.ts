import type { Chunk } from '@repolens/contracts';
import MiniSearch, { type Options } from 'minisearch';
import { lexicalTokens } from './code-tokenizer.js';

export interface ScoredChunkId {
  readonly id: number;
  readonly score: number;
}

interface LexicalDocument {
  readonly id: number;
  readonly text: string;
  readonly path: string;
  readonly symbol?: string;
}

/** BM25 over chunk text, path and symbol, with code-aware terms. */
export interface LexicalIndex {
  readonly documentCount: number;
  search(query: string, limit: number): ScoredChunkId[];
  /** The index as JSON text, for `loadLexicalIndex`. */
  serialize(): string;
}

const OPTIONS: Options<LexicalDocument> = {
  idField: 'id',
  fields: ['text', 'path', 'symbol'],
  storeFields: [],
  tokenize: (text) => lexicalTokens(text),
  // Terms come out of the tokenizer already lowercased and filtered.
  processTerm: (term) => term,
  searchOptions: {
    combineWith: 'OR',
    boost: { symbol: 3, path: 2 },
    // Prefixes let `retry` find `retrying`; short terms would match too much.
    prefix: (term) => term.length >= 5,
  },
};

export function buildLexicalIndex(chunks: readonly Chunk[]): LexicalIndex {
  const builder = createLexicalIndexBuilder();
  builder.add(chunks);
  return builder.finish();
}

/**
 * Builds the index a few chunks at a time (so it can be done while a model embeds the next ones); the
 * same index as `buildLexicalIndex` of all the chunks in the order added.
 */
export function createLexicalIndexBuilder(): { add(chunks: readonly Chunk[]): void; finish(): LexicalIndex } {
  const miniSearch = new MiniSearch<LexicalDocument>(OPTIONS);
  return {
    add(chunks) {
      miniSearch.addAll(
        chunks.map((chunk) => ({
          id: chunk.id,
          text: chunk.text,
          path: chunk.path,
          ...(chunk.symbol === undefined ? {} : { symbol: chunk.symbol }),
        })),
      );
    },
    finish: () => wrap(miniSearch),
  };
}

export function loadLexicalIndex(json: string): LexicalIndex {
  return wrap(MiniSearch.loadJSON<LexicalDocument>(json, OPTIONS));
}

function wrap(miniSearch: MiniSearch<LexicalDocument>): LexicalIndex {
  return {
    documentCount: miniSearch.documentCount,
    search(query, limit) {
      if (limit <= 0 || lexicalTokens(query).length === 0) return [];
      return miniSearch
        .search(query)
        .slice(0, limit)
        .map((result) => ({ id: Number(result.id), score: result.score }));
    },
    serialize: () => JSON.stringify(miniSearch),
  };
}
