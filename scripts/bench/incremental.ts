import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StageName, StageResults } from '@repolens/contracts';
import {
  createCodeAnalysisStage,
  createEmbeddingStage,
  createInitializationStage,
  createMemoryEmbeddingCache,
  createMetadataStage,
  createStructureStage,
  runWorkspace,
  type PipelineSettings,
  type Stage,
} from '@repolens/pipeline';
import { BenchRun, type TimedReport } from './bench-context.js';
import { formatCount, formatRatio, formatSeconds } from './format.js';

/** Issue 7's target for a re-analysis after a one-file push to a repository of a few hundred files. */
const ONE_FILE_TARGET_MS = 2_000;
/** The installed package the repository is made from (its source, tests, docs and types: a few hundred files). */
const SOURCE_PACKAGE = 'fastify';
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'RepoLens bench',
  GIT_AUTHOR_EMAIL: 'bench@repolens.invalid',
  GIT_COMMITTER_NAME: 'RepoLens bench',
  GIT_COMMITTER_EMAIL: 'bench@repolens.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

type StageSet = { readonly [TName in StageName]: Stage<TName> };

interface StageRun {
  readonly stage: StageName;
  readonly wallMs: number;
  /** CPU time of this process's threads (not of git's processes): on a busy machine, what the stage would take alone. */
  readonly cpuMs: number;
  readonly reports: readonly TimedReport[];
}

interface AnalysisRun {
  readonly results: Partial<StageResults>;
  readonly stages: readonly StageRun[];
  readonly totalMs: number;
  readonly cpuMs: number;
}

/**
 * A full analysis of a git repository made from node_modules/fastify, then a one-line change to one of
 * its files committed, then the analysis of that commit reusing the first run's results, as a
 * re-analysis in a worker does: the same process and stage objects (so parsers and the model are
 * loaded), the first run's results as the previous run's, and one embedding cache (in memory here, in
 * PostgreSQL in the service). Prints both runs per stage and the second against the 2 s target.
 */
export async function runIncrementalBench(input: { readonly rootDir: string; readonly settings: PipelineSettings }): Promise<void> {
  const write = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const { settings } = input;
  const repository = await packageRepository(path.join(input.rootDir, 'node_modules', SOURCE_PACKAGE));
  try {
    const stages: StageSet = {
      initialization: createInitializationStage(settings),
      metadata: createMetadataStage(),
      structure: createStructureStage(settings),
      code_analysis: createCodeAnalysisStage(settings),
      embedding: createEmbeddingStage(settings, { embeddingCache: createMemoryEmbeddingCache() }),
    };
    const full = await analyse(stages, settings, repository.url, undefined);
    const changed = await commitOneLineChange(repository.dir, full.results);
    const again = await analyse(stages, settings, repository.url, full.results);
    printRuns(write, { full, again, changed });
  } finally {
    await repository.remove();
  }
}

async function analyse(stages: StageSet, settings: PipelineSettings, url: string, previous: Partial<StageResults> | undefined): Promise<AnalysisRun> {
  const bench = new BenchRun({ url, ref: null, accessToken: null, allowPartial: false }, (runId) => runWorkspace(settings.dataDir, runId), previous);
  const runs: StageRun[] = [];
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  for (const stage of [stages.initialization, stages.metadata, stages.structure, stages.code_analysis, stages.embedding] as const) {
    const cpu = process.cpuUsage();
    const { result, timing, reports } = await bench.measure<StageName>(stage, stage.name, bench.results);
    (bench.results as Record<StageName, unknown>)[stage.name] = result;
    runs.push({ stage: stage.name, wallMs: timing.wallMs, cpuMs: cpuMsSince(cpu), reports });
  }
  return { results: bench.results, stages: runs, totalMs: performance.now() - started, cpuMs: cpuMsSince(startedCpu) };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1_000;
}

/** Copies an installed package (no nested node_modules) into a new git repository with one commit. */
async function packageRepository(source: string): Promise<{ dir: string; url: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'repolens-bench-incremental-'));
  const dir = path.join(parent, SOURCE_PACKAGE);
  await cp(source, dir, { recursive: true, filter: (from) => !path.relative(source, from).split(path.sep).includes('node_modules') });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--no-verify', '-m', 'the package as installed');
  return { dir, url: pathToFileURL(dir).href, remove: () => rm(parent, { recursive: true, force: true }) };
}

/**
 * Edits one line in the middle of the repository's largest source file (a comment added to it, so the
 * file still parses) and commits it: the push a re-analysis follows. Returns the file's path.
 */
async function commitOneLineChange(dir: string, results: Partial<StageResults>): Promise<string> {
  const sources = (results.code_analysis?.files ?? []).filter((file) => file.category === 'source' && file.error === undefined);
  const largest = sources.reduce<(typeof sources)[number] | undefined>((best, file) => (best === undefined || file.bytes > best.bytes ? file : best), undefined);
  if (largest === undefined) throw new Error('the first run analysed no source file to change');
  const absolute = path.join(dir, largest.path);
  const lines = (await readFile(absolute, 'utf8')).split('\n');
  const middle = lines.findIndex((line, index) => index >= lines.length / 2 && /[;{]\s*$/.test(line));
  const at = middle === -1 ? Math.floor(lines.length / 2) : middle;
  lines[at] = `${lines[at] ?? ''} // edited by the incremental benchmark`;
  await writeFile(absolute, lines.join('\n'));
  git(dir, 'commit', '--quiet', '--no-verify', '-am', `edit one line of ${largest.path}`);
  return largest.path;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...GIT_ENV } });
}

function printRuns(write: (line: string) => void, runs: { full: AnalysisRun; again: AnalysisRun; changed: string }): void {
  const { full, again } = runs;
  const code = again.results.code_analysis;
  const embedding = again.results.embedding;
  const structure = again.results.structure;
  write(
    `Incremental: a git repository made from node_modules/${SOURCE_PACKAGE} (${formatCount(structure?.totalFiles ?? 0)} files, ` +
      `${formatCount(full.results.embedding?.chunkCount ?? 0)} chunks), analysed in full, then again after a one-line change to ${runs.changed}, ` +
      'reusing the first run (one process, as one worker; embedding cache in memory)',
  );
  const rows: string[][] = [['stage', 'full run', '(cpu)', 'one-file run', '(cpu)']];
  for (const [index, run] of full.stages.entries()) {
    const second = again.stages[index];
    rows.push([run.stage, formatSeconds(run.wallMs), formatSeconds(run.cpuMs), formatSeconds(second?.wallMs ?? 0), formatSeconds(second?.cpuMs ?? 0)]);
  }
  rows.push(['total', formatSeconds(full.totalMs), formatSeconds(full.cpuMs), formatSeconds(again.totalMs), formatSeconds(again.cpuMs)]);
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) write(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}`);
  write('  wall time; (cpu): CPU time of the process, parse and embedding threads included, git processes not');
  const met = again.totalMs <= ONE_FILE_TARGET_MS;
  write(
    `  one-file run: ${formatSeconds(again.totalMs)} = ${formatRatio(again.totalMs / ONE_FILE_TARGET_MS)} the target of ${formatSeconds(ONE_FILE_TARGET_MS)} ` +
      `(${met ? 'met' : 'NOT met'}); ${formatRatio(full.totalMs > 0 ? again.totalMs / full.totalMs : 0)} the full run`,
  );
  write(
    `  reused: code_analysis parsed ${files(code?.filesParsed ?? 0)}, reused ${formatCount(code?.filesReused ?? 0)}; ` +
      `embedding embedded ${formatCount(embedding?.chunksEmbedded ?? 0)} chunks, reused ${formatCount(embedding?.chunksReused ?? 0)} of ${formatCount(embedding?.chunkCount ?? 0)}; chunks of ${formatCount(embedding?.filesChunksReused ?? 0)} unchanged files reused`,
  );
  for (const [label, run] of [['full run', full], ['one-file run', again]] as const) {
    const stage = run.stages.find((entry) => entry.stage === 'embedding');
    if (stage !== undefined) write(`  embedding, ${label}: ${describePhases(stage)}`);
  }
}

function files(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'file' : 'files'}`;
}

/** Where the embedding stage's time went, from its progress reports. */
function describePhases(run: StageRun): string {
  const begin = run.reports[0]?.at ?? 0;
  const end = run.reports.at(-1)?.at ?? begin;
  const at = (prefix: string): number | undefined => run.reports.find((report) => report.progress.message.startsWith(prefix))?.at;
  const cutting = at('Cutting') ?? begin;
  const vectors = run.reports.filter((report) => report.progress.message.startsWith('Vectors for '));
  const firstVector = vectors[0]?.at ?? end;
  const lastVector = vectors.at(-1)?.at ?? end;
  return (
    `model ${formatSeconds(cutting - begin)}, reading and cutting ${formatSeconds(firstVector - cutting)}, ` +
    `vectors with the indexes growing ${formatSeconds(lastVector - firstVector)}, indexes finished and written ${formatSeconds(end - lastVector)}`
  );
}
