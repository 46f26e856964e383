import type { CommentSpan } from './comments.js';
import { hasNonSpace } from './source-lines.js';
import type { SourceLines } from './source-lines.js';

/** Longest doc kept on a symbol; enough for a summary, and results stay small. */
export const MAX_DOC_LENGTH = 300;

/** How a language's doc comments differ from the common case. */
export interface DocCommentStyle {
  /** Lines that may stand between a doc comment and its declaration (Rust's `#[derive(…)]`). */
  readonly skipLine?: RegExp;
  /** Drop XML tags (C#'s `/// <summary>`). */
  readonly stripXml?: boolean;
}

/** Tool directives written as comments; a comment made only of them documents nothing. */
const DIRECTIVE =
  /^(?:go:\w|line \S|export \w|nolint|eslint|prettier-ignore|@ts-|istanbul |c8 |noqa|type: |pylint:|rubocop:|frozen_string_literal:|(?:-\*- )?(?:en)?coding[:=]|NOLINT|clang-format|#?(?:end)?region\b|pragma\b|SPDX-License-Identifier)/;

/**
 * Finds the doc comment of a declaration: the comments directly above its first line, each alone on
 * its lines, with no blank line between them and the declaration.
 */
export class DocComments {
  readonly #lines: SourceLines;
  readonly #comments: readonly CommentSpan[];
  readonly #style: DocCommentStyle;
  /** The last comment ending on each row; built on first use, as many files have no symbols. */
  #byEndRow: Map<number, number> | undefined;

  constructor(lines: SourceLines, comments: readonly CommentSpan[], style: DocCommentStyle = {}) {
    this.#lines = lines;
    this.#comments = comments;
    this.#style = style;
  }

  /** The doc comment above a declaration whose first line is `row` (0-based). */
  above(row: number): string | undefined {
    if (this.#comments.length === 0) return undefined;
    const lines = this.#lines;
    const byEndRow = (this.#byEndRow ??= this.#indexByEndRow());
    let above = row - 1;
    const skipLine = this.#style.skipLine;
    if (skipLine !== undefined) while (above >= 0 && skipLine.test(lines.text(above))) above -= 1;

    const block: CommentSpan[] = [];
    for (let index = byEndRow.get(above); index !== undefined; index = byEndRow.get(above)) {
      const comment = this.#comments[index];
      if (comment === undefined || !comment.ownLine) break;
      // Code after it on its last line means the comment belongs to that code.
      if (hasNonSpace(lines.source, comment.end, lines.end(comment.endRow))) break;
      block.push(comment);
      above = comment.startRow - 1;
    }
    if (block.length === 0) return undefined;
    // Only the start is kept, so only the start is cleaned: long doc blocks are common.
    const bodies: string[] = [];
    let length = 0;
    for (let index = block.length - 1; index >= 0 && length <= MAX_DOC_LENGTH; index -= 1) {
      const comment = block[index];
      if (comment === undefined) continue;
      const end = Math.min(comment.end, comment.start + MAX_DOC_LENGTH * 2);
      const body = commentBody(lines.source.slice(comment.start, end));
      if (body.length === 0) continue;
      bodies.push(body);
      length += body.length + 1;
    }
    const text = bodies.join('\n');
    return tidyDoc(this.#style.stripXml === true ? text.replace(/<[^>]+>/g, '') : text);
  }

  #indexByEndRow(): Map<number, number> {
    const byEndRow = new Map<number, number>();
    this.#comments.forEach((comment, index) => byEndRow.set(comment.endRow, index));
    return byEndRow;
  }
}

/** A comment's words without its markers: `/** … *\/`, leading `*`, `//`, `///`, `#`, `=begin`. */
export function commentBody(comment: string): string {
  // Inner doc comments (Rust's `//!`, `/*!`) describe the enclosing module, not what follows.
  if (comment.startsWith('//!') || comment.startsWith('/*!')) return '';
  if (comment.startsWith('/*')) {
    const inner = comment.replace(/^\/\*+/, '').replace(/\*+\/$/, '');
    return inner
      .split('\n')
      .map((line) => line.replace(/^\s*\*+ ?/, '').trimEnd())
      .join('\n')
      .trim();
  }
  if (comment.startsWith('=begin')) return comment.replace(/^=begin[^\n]*\n?/, '').replace(/\n?=end[^\n]*$/, '').trim();
  return comment
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\/\/\/?|#+)\s?/, '').trimEnd())
    .filter((line) => !DIRECTIVE.test(line))
    .join('\n')
    .trim();
}

/** Trims, drops runs of blank lines and cuts to MAX_DOC_LENGTH; undefined when nothing is left. */
export function tidyDoc(text: string): string | undefined {
  const tidy = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (tidy.length === 0) return undefined;
  return tidy.length > MAX_DOC_LENGTH ? `${tidy.slice(0, MAX_DOC_LENGTH - 1).trimEnd()}…` : tidy;
}
