import type { Chunk } from '@repolens/contracts';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
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
    finish: () => {
      // Both made when first needed: the worker that builds an index only writes it, a test only searches it.
      let plain: AsPlainObject | undefined;
      let frequencies: Map<string, number> | undefined;
      const plainIndex = (): AsPlainObject => (plain ??= miniSearch.toJSON());
      return wrap(miniSearch, () => (frequencies ??= documentFrequencies(plainIndex())), () => JSON.stringify(plainIndex()));
    },
  };
}

export function loadLexicalIndex(json: string): LexicalIndex {
  const plain = JSON.parse(json) as AsPlainObject;
  const miniSearch = MiniSearch.loadJS<LexicalDocument>(plain, OPTIONS);
  const frequencies = documentFrequencies(plain);
  return wrap(miniSearch, () => frequencies, () => JSON.stringify(miniSearch));
}

/**
 * How many chunk postings a query may visit, roughly. BM25 scores every chunk that holds a query term
 * (about 2 µs each), so a pasted bug report, dozens of terms, could score most of a large index. A query
 * within the budget is searched whole (exact BM25); beyond it, its rarest terms (names, paths, error
 * words, which carry the ranking) are searched first and more common ones added while the budget
 * lasts, at least MIN_QUERY_TERMS of them.
 */
export const QUERY_POSTINGS_BUDGET = 10_000;
export const MIN_QUERY_TERMS = 8;
/** Distinct terms searched at most, whatever the budget: each also costs a walk of the term tree. */
export const MAX_QUERY_TERMS = 256;

/**
 * A term that alone would spend the budget and sits in more than this share of the chunks (`return`,
 * `import` in a large code base) is left out while rarer ones remain: its inverse document frequency
 * is so low that it barely moves the ranking (the idea of Lucene's common-terms query).
 */
export const COMMON_TERM_SHARE = 0.2;

/** Query terms are already tokens; MiniSearch must not split them again. */
const SELECTED_TERMS_OPTIONS = { tokenize: (text: string) => text.split(' ') };
/** A query cut to the budget matches whole terms only: prefixes would add postings the budget never counted. */
const PRUNED_TERMS_OPTIONS = { ...SELECTED_TERMS_OPTIONS, prefix: false };

function wrap(miniSearch: MiniSearch<LexicalDocument>, frequencies: () => ReadonlyMap<string, number>, serialize: () => string): LexicalIndex {
  return {
    documentCount: miniSearch.documentCount,
    search(query, limit) {
      if (limit <= 0) return [];
      const { terms, pruned } = selectiveTerms(lexicalTokens(query), frequencies(), miniSearch.documentCount);
      if (terms.length === 0) return [];
      return miniSearch
        .search(terms.join(' '), pruned ? PRUNED_TERMS_OPTIONS : SELECTED_TERMS_OPTIONS)
        .slice(0, limit)
        .map((result) => ({ id: Number(result.id), score: result.score }));
    },
    serialize,
  };
}

/**
 * The query's tokens worth searching, in order and with their repeats: all of them when they fit the
 * postings budget; otherwise its distinct terms rarest first (ties in the query's order), common ones
 * left out while rarer ones remain, as many as fit the budget (`pruned`).
 */
export function selectiveTerms(
  tokens: readonly string[],
  frequencies: ReadonlyMap<string, number>,
  documentCount: number,
): { terms: string[]; pruned: boolean } {
  const distinct = [...new Set(tokens)].map((term, order) => ({ term, order, frequency: frequencies.get(term) ?? 0 }));
  const postings = distinct.reduce((sum, entry) => sum + entry.frequency, 0);
  if (postings <= QUERY_POSTINGS_BUDGET && distinct.length <= MAX_QUERY_TERMS) return { terms: [...tokens], pruned: false };
  // A term no chunk holds whole comes last: it can only match as a prefix of longer terms.
  const ranked = distinct.sort((a, b) => rarity(a.frequency) - rarity(b.frequency) || a.order - b.order);
  const commonAbove = Math.max(COMMON_TERM_SHARE * documentCount, QUERY_POSTINGS_BUDGET);
  const rare = ranked.filter((entry) => entry.frequency <= commonAbove);
  const kept = new Set<string>();
  let spent = 0;
  for (const entry of rare.length > 0 ? rare : ranked) {
    if (kept.size >= MAX_QUERY_TERMS) break;
    if (kept.size >= MIN_QUERY_TERMS && spent + entry.frequency > QUERY_POSTINGS_BUDGET) break;
    kept.add(entry.term);
    spent += entry.frequency;
  }
  if (kept.size === distinct.length) return { terms: [...tokens], pruned: false };
  return { terms: tokens.filter((token) => kept.has(token)), pruned: true };
}

function rarity(frequency: number): number {
  return frequency === 0 ? Number.POSITIVE_INFINITY : frequency;
}

/** How many chunks hold each term, in any field (the largest field's count: near enough to rank terms). */
function documentFrequencies(plain: AsPlainObject): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const [term, fields] of plain.index) {
    let frequency = 0;
    for (const postings of Object.values(fields)) frequency = Math.max(frequency, Object.keys(postings).length);
    frequencies.set(term, frequency);
  }
  return frequencies;
}
