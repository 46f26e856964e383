import type { LineStats } from '@repolens/contracts';
import type { CommentSpan } from './comments.js';
import { hasNonSpace } from './source-lines.js';
import type { SourceLines } from './source-lines.js';

/**
 * Lines of code, comment and blank, as cloc counts them: a line with any code is code, a line whose
 * only text lies in comments is a comment line, a line of whitespace is blank (inside a block comment
 * too).
 */
export function countLineKinds(lines: SourceLines, comments: readonly CommentSpan[]): LineStats {
  const source = lines.source;
  const stats = { code: 0, comment: 0, blank: 0 };
  let next = 0;
  const rows = lines.count;
  for (let row = 0; row < rows; row += 1) {
    const lineStart = lines.start(row);
    const lineEnd = lines.end(row);
    while (next < comments.length && (comments[next]?.end ?? 0) <= lineStart) next += 1;
    const first = comments[next];
    if (first === undefined || first.start >= lineEnd) {
      if (hasNonSpace(source, lineStart, lineEnd)) stats.code += 1;
      else stats.blank += 1;
      continue;
    }
    let code = false;
    let commented = false;
    let position = lineStart;
    for (let index = next; index < comments.length; index += 1) {
      const comment = comments[index];
      if (comment === undefined || comment.start >= lineEnd) break;
      if (!code && comment.start > position) code = hasNonSpace(source, position, comment.start);
      const from = Math.max(comment.start, lineStart);
      const to = Math.min(comment.end, lineEnd);
      if (!commented) commented = hasNonSpace(source, from, to);
      position = Math.max(position, comment.end);
    }
    if (!code && position < lineEnd) code = hasNonSpace(source, position, lineEnd);
    if (code) stats.code += 1;
    else if (commented) stats.comment += 1;
    else stats.blank += 1;
  }
  return stats;
}
