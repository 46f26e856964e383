/**
 * The labelled-question evaluation on its own (`npm run eval -- --part questions` runs it too):
 * questions about pinned npm packages' sources, ranked by BM25, the product's lexical search, the model
 * alone and hybrid search. Exits 1 when hybrid's MRR is below the best single method's.
 *
 * Usage: node --conditions=source --import tsx scripts/eval/questions/main.ts [--model id] [--verbose] [--markdown file]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runQuestionEval } from './run-questions.js';

const DEFAULT_QUESTION_MODEL = 'repolens/code-embed-v1';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_QUESTION_MODEL },
      verbose: { type: 'boolean', default: false },
      markdown: { type: 'string' },
    },
  });
  const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const started = performance.now();
  const outcome = await runQuestionEval({
    repositoryRoot,
    modelId: values.model,
    verbose: values.verbose,
    log: (message) => process.stderr.write(`[eval] ${message}\n`),
  });
  process.stdout.write(`\n${outcome.text}\nevaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (values.markdown !== undefined) await writeFile(path.resolve(values.markdown), outcome.markdown);
  process.exitCode = outcome.passed ? 0 : 1;
  // The static embedding runtime's worker threads would keep the process alive.
  process.exit();
}

await main();
