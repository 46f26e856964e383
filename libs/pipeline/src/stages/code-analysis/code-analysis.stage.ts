import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CodeAnalysisResult, CodeStats, FileAnalysis } from '@repolens/contracts';
import { CodeParser } from '../../parsing/code-parser.js';
import { analyzeSource } from '../../parsing/analyze-source.js';
import { CODE_LANGUAGE_LABELS, codeLanguageForPath } from '../../parsing/languages.js';
import type { CodeLanguage } from '../../parsing/languages.js';
import type { PipelineSettings } from '../../settings.js';
import { requireResult } from '../../stage.js';
import type { Stage, StageContext } from '../../stage.js';
import { addFileToStats, emptyCodeStats } from './code-stats.js';
import { createSourceFileReader } from './read-source-file.js';
import type { SourceFileRead } from './read-source-file.js';

/**
 * Parses every TypeScript and JavaScript file the structure stage listed and records its symbols,
 * imports and exports. A file that cannot be parsed is recorded with its error and never fails the run.
 */
export function createCodeAnalysisStage(settings: PipelineSettings): Stage<'code_analysis'> {
  // One parser per language for the life of the stage; parsing is synchronous, so runs sharing it
  // in one process never interleave inside a parse.
  const parser = new CodeParser();
  return {
    name: 'code_analysis',
    run: (ctx) => analyzeCheckout(ctx, parser, settings.limits.maxFileBytes),
  };
}

/** Files read ahead of the one being parsed; enough to cover disk latency, little memory. */
const READ_AHEAD = 8;

/** Longest stretch of synchronous parsing before other work on the event loop gets a turn. */
const YIELD_EVERY_MS = 50;

interface CodeFile {
  readonly path: string;
  readonly language: CodeLanguage;
}

async function analyzeCheckout(ctx: StageContext, parser: CodeParser, maxFileBytes: number): Promise<CodeAnalysisResult> {
  const codeFiles: CodeFile[] = [];
  for (const file of requireResult(ctx, 'structure').files) {
    const language = codeLanguageForPath(file.path);
    if (language !== null) codeFiles.push({ path: file.path, language });
  }
  const total = codeFiles.length;
  ctx.report({ progress: 0, message: `Parsing ${total} files`, details: { filesParsed: 0, filesTotal: total } });

  const files: FileAnalysis[] = [];
  const totals = emptyCodeStats();
  const byLanguage: Record<string, CodeStats> = {};
  let parseMs = 0;

  // Reads run a few files ahead of the parser, so disk latency hides behind parsing.
  const readFile = createSourceFileReader(ctx.workspace.checkoutDir, maxFileBytes);
  const reads = new Map<number, Promise<SourceFileRead>>();
  const startRead = (index: number): void => {
    const file = codeFiles[index];
    if (file !== undefined) reads.set(index, readFile(file.path));
  };
  for (let index = 0; index < READ_AHEAD; index += 1) startRead(index);

  let lastYield = performance.now();
  for (const [index, file] of codeFiles.entries()) {
    // Parsing is synchronous and reads often finish early, so without this a long run of files could
    // keep timers (job lock renewal) and cancellation messages waiting.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    ctx.signal.throwIfAborted();
    const content = await (reads.get(index) ?? readFile(file.path));
    reads.delete(index);
    startRead(index + READ_AHEAD);

    const analysis = analyzeFile(parser, file, content);
    parseMs += analysis.parseMs;
    if (analysis.file.error !== undefined) {
      ctx.log.debug({ path: file.path, reason: analysis.file.error }, 'file not fully analysed');
    }
    files.push(analysis.file);
    addFileToStats(totals, analysis.file);
    addFileToStats((byLanguage[analysis.file.language] ??= emptyCodeStats()), analysis.file);

    const done = index + 1;
    ctx.report({
      progress: done / total,
      message: `Parsed ${done} / ${total} files`,
      details: { filesParsed: done, filesTotal: total },
    });
  }
  ctx.signal.throwIfAborted();
  if (totals.failed > 0) ctx.log.info({ failed: totals.failed, files: totals.files }, 'some files were not fully analysed');
  return { files, totals, byLanguage, parseMs };
}

function analyzeFile(parser: CodeParser, file: CodeFile, content: SourceFileRead): { file: FileAnalysis; parseMs: number } {
  const language = CODE_LANGUAGE_LABELS[file.language];
  if (content.kind === 'skipped') {
    const record = { path: file.path, language, lines: 0, bytes: content.bytes, symbols: [], imports: [], exports: [] };
    return { file: { ...record, error: `skipped: ${content.reason}` }, parseMs: 0 };
  }
  try {
    const { parseMs, error, ...outline } = analyzeSource(parser, file.language, content.text);
    const record: FileAnalysis = { path: file.path, language, ...outline };
    if (error !== undefined) record.error = error;
    return { file: record, parseMs };
  } catch (error) {
    // A fault in outline extraction is this file's problem, not the run's.
    const message = error instanceof Error ? error.message : String(error);
    const record = { path: file.path, language, lines: 0, bytes: content.bytes, symbols: [], imports: [], exports: [] };
    return { file: { ...record, error: `analysis failed: ${message}` }, parseMs: 0 };
  }
}
