import { performance } from 'node:perf_hooks';
import type { LineStats } from '@repolens/contracts';
import type { CodeParser, SyntaxTree } from './code-parser.js';
import { isEcmaScript } from './languages.js';
import type { CodeLanguage } from './languages.js';
import { findComments } from './outline/comments.js';
import type { CommentSyntax } from './outline/comments.js';
import { DocComments } from './outline/doc-comments.js';
import { ecmaScriptQueries, extractOutline } from './outline/extract-outline.js';
import { countLineKinds } from './outline/line-stats.js';
import { OutlineCollector } from './outline/outline-collector.js';
import type { FileOutline } from './outline/outline-collector.js';
import { SourceLines } from './outline/source-lines.js';
import { describeSyntaxErrors, syntaxErrorLines } from './outline/syntax-errors.js';
import { extractTags, tagsQueries } from './tags/extract-tags.js';
import { TAGS_LANGUAGES } from './tags/tags-languages.js';

export interface SourceAnalysis extends FileOutline {
  readonly lines: number;
  readonly lineStats: LineStats;
  readonly bytes: number;
  /** Why the outline may be incomplete: syntax errors (symbols still kept) or a parser failure. */
  readonly error?: string;
  /** Time spent inside tree-sitter's parse() for this source. */
  readonly parseMs: number;
}

const ECMASCRIPT_COMMENTS: CommentSyntax = { types: new Set(['comment']), starts: /\/[/*]/g, lineComment: /\/\//y };

/** Parses one source text and reads its outline. Never throws for bad input: the problem goes in `error`. */
export function analyzeSource(parser: CodeParser, language: CodeLanguage, source: string): SourceAnalysis {
  const lines = new SourceLines(source);
  const size = { lines: lines.count, bytes: Buffer.byteLength(source, 'utf8') };
  const started = performance.now();
  let tree: SyntaxTree;
  try {
    tree = parser.parse(language, source);
  } catch (error) {
    const parseMs = performance.now() - started;
    const lineStats = countLineKinds(lines, []);
    return { ...size, lineStats, parseMs, symbols: [], imports: [], exports: [], error: `parse failed: ${messageOf(error)}` };
  }
  const parseMs = performance.now() - started;

  const root = tree.rootNode;
  const spec = isEcmaScript(language) ? undefined : TAGS_LANGUAGES[language];
  const comments = findComments(root, lines, spec?.comments ?? ECMASCRIPT_COMMENTS);
  const docs = new DocComments(lines, comments, spec?.docs);
  const collector = new OutlineCollector(lines, { docs, membersFollowOwners: spec === undefined });
  if (isEcmaScript(language)) extractOutline(tree, ecmaScriptQueries(parser, language), collector);
  else if (spec !== undefined) extractTags(tree, spec, tagsQueries(parser, language, spec), collector);
  const outline = collector.finish();
  const lineStats = countLineKinds(lines, comments);

  const errorLines = syntaxErrorLines(root);
  if (errorLines.length === 0) return { ...outline, ...size, lineStats, parseMs };
  return { ...outline, ...size, lineStats, parseMs, error: describeSyntaxErrors(errorLines) };
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
