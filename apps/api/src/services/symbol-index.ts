import type { FileAnalysis, SymbolHit, SymbolKind, SymbolMatch } from '@repolens/contracts';
import MiniSearch from 'minisearch';

/** One symbol of the analysis, indexed under its whole name and under the words of its name. */
interface SymbolDocument {
  readonly id: number;
  readonly whole: string;
  readonly words: string;
}

export interface SymbolSearchOptions {
  readonly k: number;
  readonly kind?: SymbolKind | undefined;
}

export interface SymbolIndex {
  search(query: string, options: SymbolSearchOptions): SymbolHit[];
}

type IndexedSymbol = Omit<SymbolHit, 'match' | 'score'>;

const MATCH_RANK: Record<SymbolMatch, number> = { exact: 0, prefix: 1, fuzzy: 2 };

/**
 * Symbol search over a run's code analysis: exact names first, then names that start with the query
 * (shortest first), then approximate matches (a typo, or the words of a name such as `retry delay` or
 * `RetryDelay` for `computeRetryDelay`), ranked by MiniSearch's score.
 */
export function buildSymbolIndex(files: readonly FileAnalysis[]): SymbolIndex {
  const symbols: IndexedSymbol[] = [];
  for (const file of files) {
    for (const { doc: _doc, ...symbol } of file.symbols) symbols.push({ ...symbol, path: file.path });
  }
  const index = new MiniSearch<SymbolDocument>({
    fields: ['whole', 'words'],
    tokenize: (text, field) => (field === 'whole' ? [text] : identifierWords(text)),
    processTerm: (term) => term.toLowerCase(),
  });
  index.addAll(symbols.map((symbol, id) => ({ id, whole: symbol.name, words: symbol.name })));

  return {
    search(query, { k, kind }) {
      const wanted = query.trim().toLowerCase();
      if (wanted === '') return [];
      const filter = kind === undefined ? undefined : (result: { id: number }) => symbols[result.id]?.kind === kind;
      const scores = new Map<number, number>();
      const keep = (results: ReadonlyArray<{ id: number; score: number }>): void => {
        for (const result of results) scores.set(result.id, Math.max(scores.get(result.id) ?? 0, result.score));
      };
      // The whole name, allowing a typo or two and a missing end.
      keep(
        index.search(wanted.replace(/\s+/g, ''), {
          fields: ['whole'],
          tokenize: (text) => [text],
          prefix: true,
          fuzzy: 0.25,
          maxFuzzy: 2,
          ...(filter === undefined ? {} : { filter }),
        }),
      );
      // Every word of the query in the name's words: `retry delay`, `RetryDelay`, `retry_del`.
      if (identifierWords(query).length > 0) {
        keep(
          index.search(query, {
            fields: ['words'],
            tokenize: identifierWords,
            prefix: true,
            fuzzy: 0.2,
            maxFuzzy: 2,
            combineWith: 'AND',
            ...(filter === undefined ? {} : { filter }),
          }),
        );
      }
      const hits: SymbolHit[] = [];
      for (const [id, score] of scores) {
        const symbol = symbols[id];
        if (symbol === undefined) continue;
        hits.push({ ...symbol, match: matchOf(symbol.name.toLowerCase(), wanted), score });
      }
      hits.sort(
        (a, b) =>
          MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
          (a.match === 'prefix' ? a.name.length - b.name.length : 0) ||
          b.score - a.score ||
          Number(b.exported) - Number(a.exported) ||
          a.path.localeCompare(b.path) ||
          a.startLine - b.startLine,
      );
      return hits.slice(0, k);
    },
  };
}

function matchOf(name: string, wanted: string): SymbolMatch {
  if (name === wanted) return 'exact';
  return name.startsWith(wanted) ? 'prefix' : 'fuzzy';
}

/** `computeRetryDelay` → compute, retry, delay; `HTTPServer` → http, server; `max_size` → max, size. */
export function identifierWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}
