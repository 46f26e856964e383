/**
 * Runs the five analysis stages on one repository, in order and in this process (no BullMQ, no
 * database), and prints each stage's wall time and throughput, with code_analysis compared against
 * raw tree-sitter parsing of the same files measured in the same run, in total and per language.
 * Then the retrieval benchmarks, each against its target: the embedding stage's chunks/s against the
 * model alone on the same texts; search latency p50/p99 on corpora of 10k and 50k chunks made from the
 * repository's own chunks; and chat time to first token without a language model, through the real API
 * (this part needs the PostgreSQL and Redis of the configuration, and analyses the repository again).
 *
 * Usage: npm run bench -- <local-path-or-https-url> [--ref <branch|tag|sha>] [--keep] [--model <id>]
 *                         [--search-sizes 10000,50000] [--no-chat] [--no-incremental] [--transformers-pipeline]
 *   --keep          leave the temporary data directory (checkout and index) in place and print where it is.
 *   --model         embedding model (default: the product's, repolens/code-embed-v1).
 *   --transformers-pipeline  embed through the transformers.js pipeline even where the fast static path
 *                   applies, as a transformer model from the hub runs (inference then dominates).
 *   --search-sizes  corpus sizes for search latency; empty to skip.
 *   --no-chat       skip the chat measurement (no database or Redis needed then).
 *   --no-incremental      skip the incremental section; --incremental-only runs nothing else (no target needed).
 * A repository with real code in twelve languages: scripts/bench/make-multilang-repo.sh <dir>.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createCodeAnalysisStage,
  createEmbeddingStage,
  createInitializationStage,
  createMetadataStage,
  createStructureStage,
  runWorkspace,
  type PipelineSettings,
} from '@repolens/pipeline';
import { BenchRun } from './bench/bench-context.js';
import {
  formatByteRate,
  formatCount,
  formatFileRate,
  formatMegabytes,
  formatRatio,
  formatSeconds,
  megabytesPerSecond,
} from './bench/format.js';
import { runIncrementalBench } from './bench/incremental.js';
import { measureLanguages, printLanguageTable } from './bench/language-runs.js';
import { measureRawParse } from './bench/raw-parse.js';
import { runRetrievalBenchmarks } from './bench/retrieval-benchmarks.js';

const WARM_CODE_ANALYSIS_LABEL = 'code_analysis (again, warm)';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The product's defaults (libs/config), with local repositories allowed so a path can be benched. */
function benchSettings(dataDir: string, modelId: string, fastStaticPath = true): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 100_000, maxRepositoryBytes: 2 * 1024 ** 3, cloneTimeoutMs: 240_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: {
      modelId,
      modelsDir: path.join(repositoryRoot, 'models'),
      allowRemoteModels: false,
      batchSize: 32,
      fastStaticPath,
    },
  };
}

function repositoryUrl(target: string): string {
  if (/^https:\/\//i.test(target) || target.startsWith('file://')) return target;
  return pathToFileURL(path.resolve(target)).href;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      ref: { type: 'string' },
      keep: { type: 'boolean', default: false },
      model: { type: 'string', default: 'repolens/code-embed-v1' },
      'search-sizes': { type: 'string', default: '10000,50000' },
      'no-chat': { type: 'boolean', default: false },
      'no-incremental': { type: 'boolean', default: false },
      'incremental-only': { type: 'boolean', default: false },
      'transformers-pipeline': { type: 'boolean', default: false },
    },
  });
  if (values['incremental-only']) {
    await benchIncremental(values.model, values.keep);
    return;
  }
  const target = positionals[0];
  if (target === undefined || positionals.length > 1) {
    process.stderr.write('usage: npm run bench -- <local-path-or-https-url> [--ref <ref>] [--keep]  |  npm run bench -- --incremental-only\n');
    process.exitCode = 2;
    return;
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-bench-'));
  const settings = benchSettings(dataDir, values.model, !values['transformers-pipeline']);
  const url = repositoryUrl(target);
  const request = { url, ref: values.ref ?? null, accessToken: null, allowPartial: false };
  const bench = new BenchRun(request, (runId) => runWorkspace(dataDir, runId));
  try {
    process.stdout.write(`Benchmarking ${url}\n`);
    await bench.run(createInitializationStage(settings));
    await bench.run(createMetadataStage());
    const structure = await bench.run(createStructureStage(settings));
    const codeStage = createCodeAnalysisStage(settings);
    const code = await bench.run(codeStage);
    // The first run includes starting the parse threads, loading the grammars and compiling the
    // queries, once per worker process; the second is what later runs of the process cost.
    const warmCode = await bench.run(codeStage, WARM_CODE_ANALYSIS_LABEL);
    const embedding = await bench.run(createEmbeddingStage(settings));
    const raw = await measureRawParse(bench.workspace.checkoutDir, code);
    const codeRuns = new Map([
      ['code_analysis', code],
      [WARM_CODE_ANALYSIS_LABEL, warmCode],
    ]);

    process.stdout.write(
      `\n${formatCount(structure.totalFiles)} files, ${formatMegabytes(structure.totalBytes)}; ` +
        `${formatCount(code.totals.files)} parsed (${formatMegabytes(code.totals.bytes)}), ` +
        `${formatCount(code.totals.failed)} with errors; ` +
        `${formatCount(code.totals.symbols)} symbols; ${formatCount(embedding.chunkCount)} chunks\n\n`,
    );
    let totalMs = 0;
    for (const timing of bench.timings) {
      const codeRun = codeRuns.get(timing.label);
      // Code analysis is measured on the files it parsed; the other stages on the whole checkout.
      const files = codeRun === undefined ? structure.totalFiles : codeRun.totals.files;
      const bytes = codeRun === undefined ? structure.totalBytes : codeRun.totals.bytes;
      const rates = `${formatFileRate(files, timing.wallMs)}, ${formatByteRate(bytes, timing.wallMs)}`;
      let line = `${timing.label}: ${formatSeconds(timing.wallMs)}, ${rates}`;
      if (codeRun !== undefined) {
        const rawRate = megabytesPerSecond(raw.bytes, raw.parseMs);
        const ratio = rawRate > 0 ? megabytesPerSecond(bytes, timing.wallMs) / rawRate : 0;
        line += `, ${formatRatio(ratio)} raw tree-sitter (${formatByteRate(raw.bytes, raw.parseMs)})`;
        line += `; parse() ${formatSeconds(codeRun.parseMs)} of it`;
      }
      if (timing.label === timing.stage) totalMs += timing.wallMs;
      process.stdout.write(`${line}\n`);
    }
    process.stdout.write(`total (five stages): ${formatSeconds(totalMs)}\n`);
    // Each language alone, on the same files the raw baseline parsed: with the stage's default
    // threading, and in one thread (what a file costs beyond its parse).
    const languages = await measureLanguages({
      bench,
      structure,
      code,
      raw,
      stage: codeStage,
      singleThreadStage: createCodeAnalysisStage(settings, { parseWorkers: 0 }),
    });
    process.stdout.write(`\n${printLanguageTable(languages)}`);
    if (!values['no-incremental']) {
      process.stdout.write('\n');
      await runIncrementalBench({ rootDir: repositoryRoot, settings });
    }
    if (embedding.denseUnavailableReason !== null) {
      process.stdout.write(`note: dense vectors unavailable: ${embedding.denseUnavailableReason}\n`);
      return;
    }
    const metadata = bench.results.metadata;
    if (metadata === undefined) throw new Error('the metadata stage left no result');
    await runRetrievalBenchmarks({
      bench,
      settings,
      rootDir: repositoryRoot,
      repositoryUrl: url,
      code,
      metadata,
      searchSizes: values['search-sizes'].split(',').map((size) => Number(size.trim())).filter((size) => Number.isInteger(size) && size > 0),
      chat: !values['no-chat'],
    });
  } finally {
    if (values.keep) process.stdout.write(`data directory kept at ${dataDir}\n`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

/** The incremental section alone, in a data directory of its own. */
async function benchIncremental(modelId: string, keep: boolean): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-bench-'));
  try {
    await runIncrementalBench({ rootDir: repositoryRoot, settings: benchSettings(dataDir, modelId) });
  } finally {
    if (keep) process.stdout.write(`data directory kept at ${dataDir}\n`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
