import type { CodeStats, FileAnalysis } from '@repolens/contracts';

export function emptyCodeStats(): CodeStats {
  return {
    files: 0,
    failed: 0,
    lines: 0,
    codeLines: 0,
    commentLines: 0,
    blankLines: 0,
    bytes: 0,
    functions: 0,
    classes: 0,
    methods: 0,
    symbols: 0,
    imports: 0,
    exports: 0,
  };
}

/** Adds one analysed file to running totals; a file with an `error` counts as failed. */
export function addFileToStats(stats: CodeStats, file: FileAnalysis): void {
  stats.files += 1;
  if (file.error !== undefined) stats.failed += 1;
  stats.lines += file.lines;
  stats.codeLines += file.lineStats.code;
  stats.commentLines += file.lineStats.comment;
  stats.blankLines += file.lineStats.blank;
  stats.bytes += file.bytes;
  stats.symbols += file.symbols.length;
  stats.imports += file.imports.length;
  stats.exports += file.exports.length;
  for (const symbol of file.symbols) {
    if (symbol.kind === 'function') stats.functions += 1;
    else if (symbol.kind === 'class' || symbol.kind === 'struct') stats.classes += 1;
    else if (symbol.kind === 'method') stats.methods += 1;
  }
}
