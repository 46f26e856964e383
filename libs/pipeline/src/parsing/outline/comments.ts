import type { SyntaxNode } from '../code-parser.js';
import { startIndexOf } from '../node-offsets.js';
import { hasNonSpace } from './source-lines.js';
import type { SourceLines } from './source-lines.js';

/** How a language writes comments. */
export interface CommentSyntax {
  /** Node types of comments in the grammar. */
  readonly types: ReadonlySet<string>;
  /** Text that may start a comment (`//`, `/*`, `#`), a global pattern; only a first guess. */
  readonly starts: RegExp;
  /** What starts a line comment (`//`, `#`), a sticky pattern. */
  readonly lineComment: RegExp;
}

/** A comment, by offsets and rows. */
export interface CommentSpan {
  readonly start: number;
  /** Offset past the comment's last character (a trailing line break excluded). */
  readonly end: number;
  readonly startRow: number;
  readonly endRow: number;
  /** Nothing but whitespace before it on its first line. */
  readonly ownLine: boolean;
}

/**
 * The comments of a parsed file, in order. Walking the whole tree (or running a query over it) for
 * comments costs a quarter to a half of the parse itself; instead the text is searched for what could
 * start a comment, and the tree is asked only what node each such place is in, which also rules out
 * `//` and `#` inside strings. A run of line comments (a doc block) is asked about once: after a line
 * that is only a line comment the next line starts outside any string, so if it starts with the
 * marker it is a comment too.
 */
export function findComments(root: SyntaxNode, lines: SourceLines, syntax: CommentSyntax): CommentSpan[] {
  const source = lines.source;
  const comments: CommentSpan[] = [];
  const starts = syntax.starts;
  const lineComment = syntax.lineComment;
  starts.lastIndex = 0;
  for (let hit = starts.exec(source); hit !== null; hit = starts.exec(source)) {
    // The named node: some grammars give a comment's own `//` a node of its own.
    const node = root.namedDescendantForIndex(hit.index, hit.index + 1);
    if (syntax.types.has(node.type)) {
      const start = startIndexOf(node);
      let end = node.endIndex;
      let next = end;
      // Some grammars (Rust's line comments) make the line break part of the comment.
      while (end > start && isLineBreak(source.charCodeAt(end - 1))) end -= 1;
      const comment = commentSpan(lines, start, end);
      comments.push(comment);
      if (comment.ownLine && startsAt(lineComment, source, start)) {
        const rows = lines.count;
        for (let row = comment.endRow + 1; row < rows; row += 1) {
          const lineEnd = lines.end(row);
          const first = firstNonSpace(source, lines.start(row), lineEnd);
          if (first === lineEnd || !startsAt(lineComment, source, first)) break;
          comments.push({ start: first, end: lineEnd, startRow: row, endRow: row, ownLine: true });
          next = lineEnd;
        }
      }
      starts.lastIndex = Math.max(starts.lastIndex, next);
    } else if (node.childCount === 0) {
      // A string or other token: nothing inside it can start a comment.
      starts.lastIndex = Math.max(starts.lastIndex, node.endIndex);
    }
  }
  return comments;
}

function commentSpan(lines: SourceLines, start: number, end: number): CommentSpan {
  const startRow = lines.rowOf(start);
  return {
    start,
    end,
    startRow,
    endRow: lines.rowOf(Math.max(start, end - 1)),
    ownLine: !hasNonSpace(lines.source, lines.start(startRow), start),
  };
}

function startsAt(pattern: RegExp, source: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(source);
}

function firstNonSpace(source: string, from: number, to: number): number {
  let index = from;
  while (index < to && (source.charCodeAt(index) === 32 || source.charCodeAt(index) === 9)) index += 1;
  return index;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}
