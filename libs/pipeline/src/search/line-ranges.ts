/** An inclusive, 1-based range of lines. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** A piece is cut at least this full (of the budget) when a boundary that allows it exists. */
const MIN_FILL = 0.5;

/**
 * Cuts `range` into consecutive ranges of at most `budget` tokens (a single line over the budget stands
 * alone). Each cut goes before the line where cutting costs least (`cutCost`, lower is better) among
 * those that leave the piece at least half full; ties go to the later line, so pieces stay large.
 */
export function splitByTokens(
  range: LineRange,
  budget: number,
  tokensOf: (line: number) => number,
  cutCost: (line: number) => number,
): LineRange[] {
  const pieces: LineRange[] = [];
  let start = range.start;
  while (start <= range.end) {
    // `filled[i]`: tokens of the lines start..start+i.
    const filled: number[] = [];
    let total = 0;
    let last = start - 1;
    while (last < range.end) {
      const next = total + tokensOf(last + 1);
      if (next > budget && last >= start) break;
      total = next;
      last += 1;
      filled.push(total);
    }
    if (last >= range.end) {
      pieces.push({ start, end: range.end });
      break;
    }
    let cut = last + 1;
    let cutScore = Number.POSITIVE_INFINITY;
    const fullEnough = (candidate: number): boolean => (filled[candidate - 1 - start] ?? 0) >= budget * MIN_FILL;
    const anyFullEnough = fullEnough(last + 1);
    for (let candidate = last + 1; candidate > start; candidate -= 1) {
      if (anyFullEnough && !fullEnough(candidate)) break;
      const score = cutCost(candidate);
      if (score < cutScore) {
        cutScore = score;
        cut = candidate;
      }
    }
    pieces.push({ start, end: cut - 1 });
    start = cut;
  }
  return pieces;
}

/** The range without blank lines at either end; null when it is all blank. */
export function trimBlankLines(lines: readonly string[], range: LineRange): LineRange | null {
  let { start, end } = range;
  while (start <= end && isBlank(lines[start - 1])) start += 1;
  while (end >= start && isBlank(lines[end - 1])) end -= 1;
  return start > end ? null : { start, end };
}

export const COMMENT_OR_DECORATOR = /^(\/\/|\/\*|\*|#|@|"""|''')|\*\/$/;
const MAX_LEADING_COMMENT_LINES = 40;

/**
 * Moves `start` up over the doc comment and decorators right above it (never to or above `floor`), since
 * parsers report a declaration from its keyword and the comment is often what a question matches.
 */
export function includeLeadingComments(lines: readonly string[], start: number, floor: number): number {
  let first = start;
  while (first - 1 > floor && start - (first - 1) <= MAX_LEADING_COMMENT_LINES) {
    const line = (lines[first - 2] ?? '').trim();
    if (!COMMENT_OR_DECORATOR.test(line)) break;
    first -= 1;
  }
  return first;
}

/** The stretches of `total` lines that no range covers and that hold at least `minContentLines` non-blank lines. */
export function uncoveredRanges(
  lines: readonly string[],
  covered: readonly LineRange[],
  minContentLines: number,
): LineRange[] {
  const isCovered = new Uint8Array(lines.length + 2);
  for (const range of covered) {
    for (let line = range.start; line <= range.end && line <= lines.length; line++) isCovered[line] = 1;
  }
  const gaps: LineRange[] = [];
  let line = 1;
  while (line <= lines.length) {
    if (isCovered[line] === 1 || isBlank(lines[line - 1])) {
      line += 1;
      continue;
    }
    let end = line;
    let content = 0;
    while (end <= lines.length && isCovered[end] !== 1) {
      if (!isBlank(lines[end - 1])) content += 1;
      end += 1;
    }
    let last = end - 1;
    while (last > line && isBlank(lines[last - 1])) last -= 1;
    if (content >= minContentLines) gaps.push({ start: line, end: last });
    line = end;
  }
  return gaps;
}

export function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}
