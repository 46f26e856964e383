import type { Query, QueryMatch, SyntaxNode } from '../code-parser.js';

/** Hits this many lines apart or closer share one ranged query. */
const ROW_GAP = 8;

/** 0-based row ranges holding a match of `pattern` (a global pattern), nearby hits merged. */
export function rowRangesMatching(source: string, pattern: RegExp): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let row = 0;
  let newline = source.indexOf('\n');
  pattern.lastIndex = 0;
  for (const hit of source.matchAll(pattern)) {
    while (newline !== -1 && newline < hit.index) {
      row += 1;
      newline = source.indexOf('\n', newline + 1);
    }
    const last = ranges.at(-1);
    if (last !== undefined && row <= last[1] + ROW_GAP) last[1] = row;
    else ranges.push([row, row]);
  }
  return ranges;
}

/**
 * Matches of a query for things that may sit at any depth (`require()`, imports inside functions),
 * run only on the lines whose text could hold one: a full-depth query over the whole tree costs a
 * third of the parse, these ranged ones a small fraction, with the same matches. A match reported by
 * two ranges is returned once.
 */
export function matchesOnLines(root: SyntaxNode, query: Query, source: string, lines: RegExp): QueryMatch[] {
  const matches: QueryMatch[] = [];
  const ranges = rowRangesMatching(source, lines);
  const seen = new Set<string>();
  for (const [firstRow, lastRow] of ranges) {
    const range = { startPosition: { row: firstRow, column: 0 }, endPosition: { row: lastRow + 1, column: 0 } };
    for (const match of query.matches(root, range)) {
      // Only a statement spanning two ranges can be reported twice.
      if (ranges.length > 1) {
        const key = `${match.pattern}:${match.captures.map((capture) => capture.node.startIndex).join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      matches.push(match);
    }
  }
  return matches;
}
