import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { codeTerms } from '../embedding/split-identifiers.js';
import { isStopword } from './code-tokenizer.js';

/** Added to a chunk's fused score (at most 1) when the query names its symbol or file exactly. */
const SYMBOL_BOOST = 1;
const PATH_BOOST = 0.5;
/** Naming a file without its extension (`retry` for `retry.ts`) is a weaker hint. */
const FILE_STEM_BOOST = 0.15;
/**
 * A plain lowercase word in a sentence ("how does fastify parse…") that happens to be a symbol's name is
 * weak evidence the person means that symbol; written as code it is strong.
 */
const PLAIN_WORD_SYMBOL_BOOST = 0.15;

/** Chunk ids by lowercased symbol name, path, file name and file stem. */
export interface ExactMatchLookup {
  readonly symbols: ReadonlyMap<string, readonly number[]>;
  readonly paths: ReadonlyMap<string, readonly number[]>;
  readonly stems: ReadonlyMap<string, readonly number[]>;
}

export function buildExactMatchLookup(chunks: readonly Chunk[]): ExactMatchLookup {
  const symbols = new Map<string, number[]>();
  const paths = new Map<string, number[]>();
  const stems = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, id: number): void => {
    const ids = map.get(key) ?? [];
    if (ids.at(-1) !== id) ids.push(id);
    map.set(key, ids);
  };
  for (const chunk of chunks) {
    if (chunk.symbol !== undefined) {
      const symbol = chunk.symbol.toLowerCase();
      add(symbols, symbol, chunk.id);
      // A method `RetryPolicy.computeDelay` is named by `computeDelay` as well.
      const member = symbol.split('.').at(-1);
      if (member !== undefined && member !== symbol) add(symbols, member, chunk.id);
    }
    if (chunk.kind === 'summary') continue; // it cites a file but is not about it
    const lowerPath = chunk.path.toLowerCase();
    const base = path.posix.basename(lowerPath);
    add(paths, lowerPath, chunk.id);
    if (base !== lowerPath) add(paths, base, chunk.id);
    const stem = base.replace(/\.[^.]+$/, '');
    if (stem !== base && stem.length >= 3) add(stems, stem, chunk.id);
  }
  return { symbols, paths, stems };
}

/** True for a term written as code: camelCase, snake_case, digits, a path or member access, or in backticks. */
function writtenAsCode(term: string, query: string): boolean {
  return /\p{Ll}\p{Lu}|_|\d|[./]/u.test(term) || query.includes(`\`${term}`);
}

/**
 * The boost each chunk gets for being named exactly (case-insensitively) by a term of the query.
 * `queryIsIdentifier`: the whole query is a name (`HttpClient`, `retry.ts`), so every term counts as code.
 */
export function exactMatchBoosts(lookup: ExactMatchLookup, query: string, queryIsIdentifier = false): Map<number, number> {
  const terms = new Map<string, boolean>();
  for (const term of codeTerms(query)) {
    const key = term.toLowerCase();
    if (key.length <= 1 || isStopword(key)) continue;
    terms.set(key, (terms.get(key) ?? false) || queryIsIdentifier || writtenAsCode(term, query));
  }
  const symbolHits = new Map<number, number>();
  const pathHits = new Set<number>();
  const stemHits = new Set<number>();
  for (const [term, asCode] of terms) {
    const boost = asCode ? SYMBOL_BOOST : PLAIN_WORD_SYMBOL_BOOST;
    for (const id of lookup.symbols.get(term) ?? []) symbolHits.set(id, Math.max(symbolHits.get(id) ?? 0, boost));
    for (const id of lookup.paths.get(term) ?? []) pathHits.add(id);
    for (const id of lookup.stems.get(term) ?? []) stemHits.add(id);
  }
  const boosts = new Map<number, number>();
  const add = (ids: Set<number>, boost: number): void => {
    for (const id of ids) boosts.set(id, (boosts.get(id) ?? 0) + boost);
  };
  for (const [id, boost] of symbolHits) boosts.set(id, boost);
  add(pathHits, PATH_BOOST);
  // A stem hint only counts where the file was not already named in full.
  add(new Set([...stemHits].filter((id) => !pathHits.has(id))), FILE_STEM_BOOST);
  return boosts;
}
