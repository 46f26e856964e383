import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CodeAnalysisResult, CodeStats, EventDetails, FileAnalysis, FileCategory, ImportGraph } from '@repolens/contracts';
import { resolveImports } from '../../analysis/import-graph/index.js';
import { CheckoutFiles } from '../../fs/checkout-files.js';
import { CodeParser } from '../../parsing/code-parser.js';
import { codeLanguageForPath } from '../../parsing/languages.js';
import type { PipelineSettings } from '../../settings.js';
import { requireResult } from '../../stage.js';
import type { Stage, StageContext } from '../../stage.js';
import { analyzeFile } from './analyze-file.js';
import type { FileAnalysisOutcome } from './analyze-file.js';
import { addFileToStats, emptyCodeStats } from './code-stats.js';
import { ParsePool } from './parse-pool.js';
import { createSourceFileReader } from './read-source-file.js';
import { CODE_ANALYZER_VERSION, checkoutAttributesOf, reusableAnalyses, type ListedCodeFile } from './reusable-analyses.js';

export interface CodeAnalysisOptions {
  /**
   * Worker threads that read and parse beside the stage's own thread; 0 parses in the stage's thread
   * only. By default repositories with at least MIN_BYTES_FOR_WORKERS of code use one per further
   * core, up to MAX_PARSE_WORKERS.
   */
  readonly parseWorkers?: number;
}

/**
 * Below this much code a thread's start (the grammars load and the queries compile in each) costs
 * more than it saves.
 */
export const MIN_BYTES_FOR_WORKERS = 2_000_000;
export const MAX_PARSE_WORKERS = 4;

/**
 * Parses every code file the structure stage listed (source and tests; not vendored, generated or
 * binary files) and records its symbols, imports, exports and line counts. A file that cannot be
 * parsed is recorded with its error and never fails the run. A file whose content (git blob id) the
 * repository's previous run analysed is not read again: that analysis is reused. Imports are resolved
 * anew over all files, since a changed file can change what another one's imports point to.
 */
export function createCodeAnalysisStage(settings: PipelineSettings, options: CodeAnalysisOptions = {}): Stage<'code_analysis'> {
  // One parser per language for the life of the stage; parsing is synchronous, so runs sharing it
  // in one process never interleave inside a parse.
  const parser = new CodeParser();
  // Threads are kept between runs (they stop when idle), so their grammars and queries stay ready.
  let pool: ParsePool | undefined;
  let log: StageContext['log'] | undefined;
  const poolOf = (size: number): ParsePool | undefined => {
    if (size === 0) return undefined;
    if (pool === undefined || pool.closed || pool.size !== size) {
      void pool?.close();
      pool = new ParsePool(size, (err) => log?.warn({ err }, 'a parse worker failed; its files are parsed in the stage thread'));
    }
    return pool;
  };
  return {
    name: 'code_analysis',
    run: async (ctx) => {
      const structure = requireResult(ctx, 'structure');
      const { maxFileBytes } = settings.limits;
      const checkoutAttributes = checkoutAttributesOf(structure.files);
      const reusable = reusableAnalyses(await previousAnalysis(ctx), { checkoutAttributes, maxFileBytes });
      if (ctx.previousRun !== undefined && reusable.unusable !== null) ctx.log.info({ reason: reusable.unusable }, 'reusing no file analyses');
      const planned = codeFilesOf(structure).map((file): PlannedFile => ({ file, reused: reusable.take(file) }));
      const workers = options.parseWorkers ?? defaultParseWorkers(planned.filter((entry) => entry.reused === undefined).map((entry) => entry.file));
      log = ctx.log;
      const analysis = await analyzeCheckout(ctx, planned, maxFileBytes, parser, poolOf(workers));
      ctx.report({ progress: 1, message: 'Resolving imports', details: countDetails(analysis) });
      const checkout = new CheckoutFiles(ctx.workspace.checkoutDir);
      const resolved = await resolveImports({
        files: analysis.files,
        repositoryFiles: structure.files.map((file) => file.path),
        readFile: async (filePath) => {
          const read = await checkout.readText(filePath, { maxBytes: MANIFEST_MAX_BYTES });
          return 'skipped' in read ? null : read.text;
        },
      });
      ctx.signal.throwIfAborted();
      return {
        ...analysis,
        files: resolved.files,
        importGraph: resolved.graph,
        reuse: { analyzerVersion: CODE_ANALYZER_VERSION, checkoutAttributes },
      };
    },
  };
}

/** Categories that are not the repository's own code. */
const NOT_ANALYSED: ReadonlySet<FileCategory> = new Set(['vendored', 'generated', 'binary']);

/** Longest stretch of synchronous parsing before other work on the event loop gets a turn. */
const YIELD_EVERY_MS = 50;

/** Manifests the import resolver reads (tsconfig.json, package.json, go.mod…) are small; bigger ones are not trusted. */
const MANIFEST_MAX_BYTES = 1_000_000;

/** The graph before imports are resolved. */
export function emptyImportGraph(): ImportGraph {
  return { edges: [], mostImported: [], entryPoints: [], cycles: [], unresolved: 0 };
}

interface ListedFile {
  readonly path: string;
  readonly size: number;
  readonly category: FileCategory;
  readonly blobId?: string | undefined;
}

/** The files of the structure result that code analysis reads, in its order. */
export function codeFilesOf(structure: { readonly files: readonly ListedFile[] }): Array<ListedCodeFile & { size: number }> {
  const codeFiles: Array<ListedCodeFile & { size: number }> = [];
  for (const file of structure.files) {
    if (NOT_ANALYSED.has(file.category)) continue;
    const language = codeLanguageForPath(file.path);
    if (language !== null) codeFiles.push({ path: file.path, language, category: file.category, size: file.size, blobId: file.blobId });
  }
  return codeFiles;
}

/** A file to analyse, and the previous run's analysis of the same content when there is one to reuse. */
interface PlannedFile {
  readonly file: ListedCodeFile & { readonly size: number };
  readonly reused: FileAnalysis | undefined;
}

/** The previous run's code analysis; a failure to load it costs only the reuse. */
async function previousAnalysis(ctx: StageContext): Promise<CodeAnalysisResult | null> {
  if (ctx.previousRun === undefined) return null;
  try {
    return await ctx.previousRun.result('code_analysis');
  } catch (err) {
    ctx.signal.throwIfAborted();
    ctx.log.warn({ err }, 'could not load the previous code analysis; parsing every file');
    return null;
  }
}

function fileCount(count: number): string {
  return count === 1 ? '1 file' : `${count} files`;
}

function countDetails(counts: { readonly filesParsed: number; readonly filesReused: number }): EventDetails {
  const { filesParsed, filesReused } = counts;
  return { filesParsed, filesReused, filesTotal: filesParsed + filesReused };
}

function defaultParseWorkers(files: ReadonlyArray<{ size: number }>): number {
  const cores = availableParallelism();
  if (cores < 2) return 0;
  let bytes = 0;
  for (const file of files) bytes += file.size;
  return bytes < MIN_BYTES_FOR_WORKERS ? 0 : Math.min(MAX_PARSE_WORKERS, cores - 1);
}

async function analyzeCheckout(
  ctx: StageContext,
  planned: readonly PlannedFile[],
  maxFileBytes: number,
  parser: CodeParser,
  pool: ParsePool | undefined,
): Promise<Omit<CodeAnalysisResult, 'reuse'>> {
  const total = planned.length;
  const toReuse = planned.filter((entry) => entry.reused !== undefined).length;
  const starting = toReuse === 0 ? `Parsing ${total} files` : `Parsing ${fileCount(total - toReuse)}, reusing ${toReuse} unchanged`;
  ctx.report({ progress: 0, message: starting, details: { filesParsed: 0, filesReused: 0, filesTotal: total } });
  if (pool !== undefined && total > toReuse) ctx.log.debug({ workers: pool.size }, 'parsing in worker threads');

  const files: FileAnalysis[] = [];
  const totals = emptyCodeStats();
  const byLanguage: Record<string, CodeStats> = {};
  let parseMs = 0;
  let filesParsed = 0;
  let filesReused = 0;

  const record = (slot: Slot, outcome: FileAnalysisOutcome): void => {
    parseMs += outcome.parseMs;
    if (slot.reused) filesReused += 1;
    else filesParsed += 1;
    const { blobId } = slot;
    const file = slot.reused || blobId === undefined ? outcome.file : { ...outcome.file, blobId };
    if (file.error !== undefined) ctx.log.debug({ path: file.path, reason: file.error }, 'file not fully analysed');
    files.push(file);
    addFileToStats(totals, file);
    addFileToStats((byLanguage[file.language] ??= emptyCodeStats()), file);
    const done = files.length;
    ctx.report({
      progress: done / total,
      message: filesReused === 0 ? `Parsed ${done} / ${total} files` : `Analysed ${done} / ${total} files: parsed ${filesParsed}, reused ${filesReused} unchanged`,
      details: { filesParsed, filesReused, filesTotal: total },
    });
  };

  // Files are recorded in their listed order; analyses finish out of order when workers help.
  const queue: Slot[] = [];
  const recordFinished = (): void => {
    for (let head = queue[0]; head?.outcome !== undefined; head = queue[0]) {
      queue.shift();
      record(head, head.outcome);
    }
  };

  const sourceFiles = { checkoutDir: ctx.workspace.checkoutDir, maxFileBytes };
  const read = createSourceFileReader(sourceFiles);
  let lastYield = performance.now();
  for (const { file, reused } of planned) {
    ctx.signal.throwIfAborted();
    if (reused !== undefined) {
      queue.push({ outcome: { file: reused, parseMs: 0 }, settled: undefined, reused: true, blobId: file.blobId });
      recordFinished();
      continue;
    }
    if (pool?.hasRoom === true) {
      const slot: Slot = { outcome: undefined, settled: undefined, reused: false, blobId: file.blobId };
      slot.settled = pool.analyze(file, sourceFiles).then((outcome) => {
        slot.outcome = outcome;
      });
      queue.push(slot);
      continue;
    }
    // This thread takes the file: every worker has enough to do, or there are none.
    queue.push({ outcome: analyzeFile(parser, file, read(file.path)), settled: undefined, reused: false, blobId: file.blobId });
    recordFinished();
    // Reading and parsing here are synchronous: without a turn for the event loop, worker replies,
    // timers (job lock renewal) and cancellation would wait. With workers, every file gives one, so
    // replies come in and the workers are fed again.
    if (pool !== undefined || performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
      recordFinished();
    }
  }
  for (let head = queue[0]; head !== undefined; head = queue[0]) {
    ctx.signal.throwIfAborted();
    await head.settled;
    recordFinished();
  }
  ctx.signal.throwIfAborted();
  if (totals.failed > 0) ctx.log.info({ failed: totals.failed, files: totals.files }, 'some files were not fully analysed');
  if (filesReused > 0) ctx.log.info({ filesParsed, filesReused }, 'reused the analyses of unchanged files');
  return { files, totals, byLanguage, importGraph: emptyImportGraph(), parseMs, filesParsed, filesReused };
}

/** A file's place in the recorded order; `outcome` is set once its analysis is done. */
interface Slot {
  outcome: FileAnalysisOutcome | undefined;
  /** For a file analysed by a worker: settles when the outcome is in. */
  settled: Promise<void> | undefined;
  /** Taken from the previous run instead of parsed. */
  readonly reused: boolean;
  /** The content analysed, recorded with a fresh analysis so the next run can reuse it. */
  readonly blobId: string | undefined;
}
