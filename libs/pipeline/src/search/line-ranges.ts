/** An inclusive, 1-based range of lines. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** Splits a range into windows of at most `size` lines, each overlapping the last by `overlap` lines. */
export function splitRange(range: LineRange, size: number, overlap: number): LineRange[] {
  if (range.end - range.start + 1 <= size) return [range];
  const windows: LineRange[] = [];
  let start = range.start;
  for (;;) {
    const end = Math.min(range.end, start + size - 1);
    windows.push({ start, end });
    if (end >= range.end) return windows;
    start = Math.max(start + 1, end - overlap + 1);
  }
}

const COMMENT_OR_DECORATOR = /^(\/\/|\/\*|\*|#|@|"""|''')|\*\/$/;
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

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}
