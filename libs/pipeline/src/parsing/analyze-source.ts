import { performance } from 'node:perf_hooks';
import type { CodeParser } from './code-parser.js';
import type { CodeLanguage } from './languages.js';
import { extractOutline } from './outline/extract-outline.js';
import type { FileOutline } from './outline/outline-collector.js';
import { describeSyntaxErrors, syntaxErrorLines } from './outline/syntax-errors.js';

export interface SourceAnalysis extends FileOutline {
  readonly lines: number;
  readonly bytes: number;
  /** Why the outline may be incomplete: syntax errors (symbols still kept) or a parser failure. */
  readonly error?: string;
  /** Time spent inside tree-sitter's parse() for this source. */
  readonly parseMs: number;
}

/** Parses one source text and reads its outline. Never throws for bad input: the problem goes in `error`. */
export function analyzeSource(parser: CodeParser, language: CodeLanguage, source: string): SourceAnalysis {
  const lines = countLines(source);
  const bytes = Buffer.byteLength(source, 'utf8');
  const started = performance.now();
  let tree;
  try {
    tree = parser.parse(language, source);
  } catch (error) {
    const parseMs = performance.now() - started;
    return { lines, bytes, parseMs, symbols: [], imports: [], exports: [], error: `parse failed: ${messageOf(error)}` };
  }
  const parseMs = performance.now() - started;
  const outline = extractOutline(tree, source, parser.outlineQueries(language));
  const errorLines = syntaxErrorLines(tree.rootNode);
  if (errorLines.length === 0) return { ...outline, lines, bytes, parseMs };
  return { ...outline, lines, bytes, parseMs, error: describeSyntaxErrors(errorLines) };
}

export function countLines(source: string): number {
  if (source.length === 0) return 0;
  let lines = 1;
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lines += 1;
  // A final newline ends the last line rather than starting another.
  return source.endsWith('\n') ? lines - 1 : lines;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
