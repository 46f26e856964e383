/**
 * Search quality on code no model here was trained on: the held-out packages of
 * tools/embedding-model/heldout (whole packages kept out of training). For each language:
 *   (a) doc summary → function retrieval over all held-out functions of that language: MRR@10,
 *       recall@1 and recall@10 for lexical search alone, each model alone, and the product's hybrid
 *       search with each model (the same index and search code the product runs);
 *   (b) long, bug-report-like queries (prose, an error, a stack trace) over the same index, with and
 *       without the model, which must not make them worse.
 * Exits 1 when the first model misses a target: hybrid ≥ lexical + 0.04 MRR@10 in every language,
 * and long queries not made worse by the model: the 95% interval of the change in MRR@10 (paired
 * bootstrap over the queries) must reach zero or above, so one query moving by a rank is not a failure
 * but a real loss is.
 *
 * And (c), first: labelled questions about real repositories (pinned npm packages' sources, analysed by
 * the worker's stages; scripts/eval/questions), asked with the first model; exits 1 when hybrid's MRR
 * is below the best single method's.
 *
 * Usage: npm run eval -- [--part model|questions|all] [--models id,id] [--queries N] [--long N] [--verbose] [--markdown file]
 *   --part      model: (a) and (b); questions: (c); all (default): both
 *   --models    embedding models to compare (default repolens/code-embed-v1,repolens/code-embed-stub;
 *               those not installed in models/ are skipped)
 *   --queries   at most N doc queries per language (default: all)
 *   --long      bug-report queries per language (default 500)
 *   --verbose   also list each labelled question's rank under each method
 *   --markdown  also write the tables as Markdown to this file
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEmbedder, type Embedder } from '@repolens/pipeline';
import { bugReportQueries } from './eval/bug-reports.js';
import { pairedDifference } from './eval/paired-bootstrap.js';
import { readHeldOutSets } from './eval/held-out-set.js';
import { runQuestionEval } from './eval/questions/run-questions.js';
import { buildEvalIndex, rankTargets, type LabelledQuery, type RankingScores } from './eval/retrieval-runs.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = path.join(repositoryRoot, 'models');
const DEFAULT_MODELS = 'repolens/code-embed-v1,repolens/code-embed-stub';
const TARGET_GAIN = 0.04;
const LONG_QUERY_SEED = 0x10e6_b0b5;

interface Row {
  readonly language: string;
  readonly method: string;
  readonly scores: RankingScores;
}

const PARTS = ['model', 'questions', 'all'];

interface PartOutcome {
  readonly passed: boolean;
  readonly markdown: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      part: { type: 'string', default: 'all' },
      models: { type: 'string', default: DEFAULT_MODELS },
      queries: { type: 'string' },
      long: { type: 'string', default: '500' },
      verbose: { type: 'boolean', default: false },
      markdown: { type: 'string' },
      heldout: { type: 'string', default: path.join(repositoryRoot, 'tools', 'embedding-model', 'heldout') },
    },
  });
  if (!PARTS.includes(values.part)) {
    process.stderr.write(`--part must be one of ${PARTS.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const outcomes: PartOutcome[] = [];
  if (values.part !== 'model') outcomes.push(await questionPart(values.models, values.verbose));
  if (values.part !== 'questions') outcomes.push(await modelPart(values));
  if (values.markdown !== undefined) await writeFile(path.resolve(values.markdown), outcomes.map((outcome) => outcome.markdown).join('\n'));
  if (outcomes.some((outcome) => !outcome.passed)) process.exitCode = 1;
  // The static runtime's worker threads would keep the process alive.
  process.exit();
}

/** (c): the labelled questions, with the first model given. */
async function questionPart(models: string, verbose: boolean): Promise<PartOutcome> {
  const started = performance.now();
  const modelId = models.split(',').map((id) => id.trim()).find((id) => id !== '') ?? 'repolens/code-embed-v1';
  const outcome = await runQuestionEval({ repositoryRoot, modelId, verbose, log });
  process.stdout.write(`\n${outcome.text}\nquestions evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return outcome;
}

/** (a) and (b): the held-out sets. */
async function modelPart(values: { models: string; queries?: string | undefined; long: string; heldout: string }): Promise<PartOutcome> {
  const started = performance.now();
  const maxQueries = values.queries === undefined ? Number.POSITIVE_INFINITY : Number(values.queries);
  const longCount = Number(values.long);
  const embedders: Embedder[] = [];
  for (const modelId of values.models.split(',').map((id) => id.trim()).filter((id) => id !== '')) {
    if (!existsSync(path.join(modelsDir, ...modelId.split('/'), 'onnx', 'model.onnx'))) {
      log(`skipping ${modelId}: not installed in models/`);
      continue;
    }
    embedders.push(await loadEmbedder({ modelId, modelsDir, allowRemoteModels: false, batchSize: 64 }));
  }
  const sets = await readHeldOutSets(path.resolve(values.heldout));
  const docRows: Row[] = [];
  const longRows: Row[] = [];
  for (const set of sets) {
    const docQueries = set.pairs.map((pair, target): LabelledQuery => ({ text: pair.query, target })).slice(0, maxQueries);
    const longQueries = bugReportQueries(set, longCount, LONG_QUERY_SEED);
    log(`${set.language}: ${set.chunks.length} functions, ${docQueries.length} doc queries, ${longQueries.length} bug reports`);
    const lexicalIndex = await buildEvalIndex(set.chunks, null);
    docRows.push({ language: set.language, method: 'lexical (BM25)', scores: await rankTargets(lexicalIndex, docQueries, 'lexical', null) });
    const withLong = longQueries.length > 0;
    if (withLong) longRows.push({ language: set.language, method: 'lexical (BM25)', scores: await rankTargets(lexicalIndex, longQueries, 'lexical', null) });
    for (const embedder of embedders) {
      const name = embedder.modelId.split('/').at(-1) ?? embedder.modelId;
      const index = await buildEvalIndex(set.chunks, embedder);
      docRows.push({ language: set.language, method: `${name} alone`, scores: await rankTargets(index, docQueries, 'dense', embedder) });
      docRows.push({ language: set.language, method: `hybrid (BM25 + ${name})`, scores: await rankTargets(index, docQueries, 'hybrid', embedder) });
      if (withLong) {
        longRows.push({ language: set.language, method: `${name} alone`, scores: await rankTargets(index, longQueries, 'dense', embedder) });
        longRows.push({ language: set.language, method: `hybrid (BM25 + ${name})`, scores: await rankTargets(index, longQueries, 'hybrid', embedder) });
      }
    }
  }

  const docTable = formatTable(docRows);
  const longTable = formatTable(longRows);
  const checks = checkTargets(docRows, longRows, embedders[0]);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\nHeld-out doc summary → function retrieval (queries over all held-out functions of the language)\n${docTable.text}\n` +
      `\nLong bug-report queries (prose + error + stack trace) against the same index\n${longTable.text}\n\n` +
      `${checks.lines.join('\n')}\n\nevaluated in ${seconds.toFixed(1)} s\n`,
  );
  const markdown =
    `### Held-out doc summary → function retrieval\n\n${docTable.markdown}\n\n` +
    `### Long bug-report queries\n\n${longTable.markdown}\n\n${checks.lines.map((line) => `- ${line}`).join('\n')}\n`;
  return { passed: checks.passed, markdown };
}

/** The targets, checked for the first model given. */
function checkTargets(docRows: readonly Row[], longRows: readonly Row[], embedder: Embedder | undefined): { passed: boolean; lines: string[] } {
  if (embedder === undefined) return { passed: false, lines: ['no embedding model could be loaded: nothing to check'] };
  const name = embedder.modelId.split('/').at(-1) ?? embedder.modelId;
  const lines: string[] = [];
  let passed = true;
  const find = (rows: readonly Row[], language: string, method: string) => rows.find((row) => row.language === language && row.method === method)?.scores;
  for (const language of [...new Set(docRows.map((row) => row.language))]) {
    const lexical = find(docRows, language, 'lexical (BM25)');
    const hybrid = find(docRows, language, `hybrid (BM25 + ${name})`);
    if (lexical === undefined || hybrid === undefined) continue;
    const gain = hybrid.mrr10 - lexical.mrr10;
    const ok = gain >= TARGET_GAIN;
    passed &&= ok;
    lines.push(`${ok ? 'PASS' : 'FAIL'} ${language}: hybrid with ${name} − lexical = ${signed(gain)} MRR@10 (target ≥ +${TARGET_GAIN})`);
    const longLexical = find(longRows, language, 'lexical (BM25)');
    const longHybrid = find(longRows, language, `hybrid (BM25 + ${name})`);
    if (longLexical === undefined || longHybrid === undefined || longLexical.queries === 0) continue;
    const change = pairedDifference(longLexical.reciprocalRanks, longHybrid.reciprocalRanks);
    const longOk = change.high >= 0;
    passed &&= longOk;
    lines.push(
      `${longOk ? 'PASS' : 'FAIL'} ${language} bug reports: with ${name} − without = ${signed(change.mean)} MRR@10 ` +
        `(95% interval ${signed(change.low)} to ${signed(change.high)}; must not be entirely below zero)`,
    );
  }
  return { passed, lines };
}

function formatTable(rows: readonly Row[]): { text: string; markdown: string } {
  const header = ['language', 'method', 'queries', 'MRR@10', 'recall@1', 'recall@10'];
  const cells = rows.map((row) => [
    row.language,
    row.method,
    String(row.scores.queries),
    row.scores.mrr10.toFixed(3),
    row.scores.recall1.toFixed(3),
    row.scores.recall10.toFixed(3),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: readonly string[]) =>
    values.map((value, column) => (column < 2 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join('  ');
  const text = [line(header), ...cells.map(line)].join('\n');
  const markdown = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, column) => (column < 2 ? '---' : '---:')).join(' | ')} |`,
    ...cells.map((cell) => `| ${cell.join(' | ')} |`),
  ].join('\n');
  return { text, markdown };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;
}

function log(message: string): void {
  process.stderr.write(`[eval] ${message}\n`);
}


await main();
