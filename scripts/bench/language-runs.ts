import type { CodeAnalysisResult, StructureResult } from '@repolens/contracts';
import type { Stage } from '@repolens/pipeline';
import type { BenchRun } from './bench-context.js';
import { formatCount, formatMegabytes, formatRatio, megabytesPerSecond } from './format.js';
import type { RawParseMeasurement } from './raw-parse.js';

export interface LanguageRun {
  readonly language: string;
  readonly files: number;
  readonly bytes: number;
  /** Raw parse() time of these files in this thread. */
  readonly rawMs: number;
  /** The stage on these files alone, with its default threading. */
  readonly stageMs: number;
  /** The stage on these files alone, parsing in its own thread. */
  readonly singleThreadMs: number;
}

/** Each per-language measurement is the best of this many runs, the first of which may load grammars. */
const RUNS_PER_LANGUAGE = 2;

async function bestOf(runs: number, measure: () => Promise<{ timing: { wallMs: number } }>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) best = Math.min(best, (await measure()).timing.wallMs);
  return best;
}

/**
 * Runs code_analysis per language, on a structure result cut to that language's files: the files
 * the raw baseline parsed, so the two rates compare the same work.
 */
export async function measureLanguages(input: {
  readonly bench: BenchRun;
  readonly structure: StructureResult;
  readonly code: CodeAnalysisResult;
  readonly raw: RawParseMeasurement;
  readonly stage: Stage<'code_analysis'>;
  readonly singleThreadStage: Stage<'code_analysis'>;
}): Promise<LanguageRun[]> {
  const { bench, structure, code, raw } = input;
  const runs: LanguageRun[] = [];
  const languages = [...raw.byLanguage].sort(([, a], [, b]) => b.bytes - a.bytes);
  for (const [language, measured] of languages) {
    const paths = new Set(code.files.filter((file) => file.language === language && file.error?.startsWith('skipped:') !== true).map((file) => file.path));
    const results = { ...bench.results, structure: { ...structure, files: structure.files.filter((file) => paths.has(file.path)) } };
    runs.push({
      language,
      files: measured.files,
      bytes: measured.bytes,
      rawMs: measured.parseMs,
      stageMs: await bestOf(RUNS_PER_LANGUAGE, () => bench.measure(input.stage, `code_analysis ${language}`, results)),
      singleThreadMs: await bestOf(RUNS_PER_LANGUAGE, () => bench.measure(input.singleThreadStage, `code_analysis ${language}, one thread`, results)),
    });
  }
  return runs;
}

/** The per-language table, with a total row (times summed over the per-language runs). */
export function printLanguageTable(runs: readonly LanguageRun[]): string {
  const header = ['language', 'files', 'size', 'raw parse', 'code_analysis', 'ratio', 'one thread', 'ratio'];
  const rows = runs.map((run) => row(run.language, run));
  const total = runs.reduce(
    (sum, run) => ({
      files: sum.files + run.files,
      bytes: sum.bytes + run.bytes,
      rawMs: sum.rawMs + run.rawMs,
      stageMs: sum.stageMs + run.stageMs,
      singleThreadMs: sum.singleThreadMs + run.singleThreadMs,
    }),
    { files: 0, bytes: 0, rawMs: 0, stageMs: 0, singleThreadMs: 0 },
  );
  rows.push(row('all (summed)', { language: 'all', ...total }));
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const lines = table.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  return `${lines.join('\n')}\nMB/s over the same files; ratio = code_analysis rate / raw tree-sitter parse rate (raw: parse() only, one thread).\n`;
}

function row(label: string, run: LanguageRun): string[] {
  const raw = megabytesPerSecond(run.bytes, run.rawMs);
  const stage = megabytesPerSecond(run.bytes, run.stageMs);
  const single = megabytesPerSecond(run.bytes, run.singleThreadMs);
  return [
    label,
    formatCount(run.files),
    formatMegabytes(run.bytes),
    rate(raw),
    rate(stage),
    formatRatio(raw > 0 ? stage / raw : 0),
    rate(single),
    formatRatio(raw > 0 ? single / raw : 0),
  ];
}

function rate(megabytesPerSecondValue: number): string {
  return `${megabytesPerSecondValue.toFixed(1)} MB/s`;
}
