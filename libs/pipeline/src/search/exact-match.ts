import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { codeTerms } from '../embedding/split-identifiers.js';
import { isStopword } from './code-tokenizer.js';

/** Added to a chunk's fused score (at most 1) when the query names its symbol or file exactly. */
const SYMBOL_BOOST = 1;
const PATH_BOOST = 0.5;
/** Naming a file without its extension (`retry` for `retry.ts`) is a weaker hint. */
const FILE_STEM_BOOST = 0.15;

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

/** The boost each chunk gets for being named exactly (case-insensitively) by a term of the query. */
export function exactMatchBoosts(lookup: ExactMatchLookup, query: string): Map<number, number> {
  const terms = new Set(
    codeTerms(query)
      .map((term) => term.toLowerCase())
      .filter((term) => term.length > 1 && !isStopword(term)),
  );
  const symbolHits = new Set<number>();
  const pathHits = new Set<number>();
  const stemHits = new Set<number>();
  for (const term of terms) {
    for (const id of lookup.symbols.get(term) ?? []) symbolHits.add(id);
    for (const id of lookup.paths.get(term) ?? []) pathHits.add(id);
    for (const id of lookup.stems.get(term) ?? []) stemHits.add(id);
  }
  const boosts = new Map<number, number>();
  const add = (ids: Set<number>, boost: number): void => {
    for (const id of ids) boosts.set(id, (boosts.get(id) ?? 0) + boost);
  };
  add(symbolHits, SYMBOL_BOOST);
  add(pathHits, PATH_BOOST);
  // A stem hint only counts where the file was not already named in full.
  add(new Set([...stemHits].filter((id) => !pathHits.has(id))), FILE_STEM_BOOST);
  return boosts;
}
