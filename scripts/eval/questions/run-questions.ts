import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { loadEmbedder, searchRepositoryIndex, type Embedder, type RepositoryIndex } from '@repolens/pipeline';
import { cachedEmbedder } from '../cached-embedder.js';
import { analyseRepository, evalSettings } from './analyse-repository.js';
import { FASTIFY_QUESTIONS } from './fastify-questions.js';
import type { LabelledQuestion, QuestionKind } from './labelled-question.js';
import { packageRepository, type PinnedPackage } from './package-repository.js';
import { PINO_QUESTIONS } from './pino-questions.js';
import { checkLabels, passageOf, rankOfAnswer, scoreRanks, TOP_K, type RankedPassage, type RankingScores } from './question-scoring.js';
import { formatTable } from './table.js';

/** The repositories asked about, each pinned to the version its questions were labelled against. */
export const QUESTION_SETS: ReadonlyArray<{ readonly pinned: PinnedPackage; readonly questions: readonly LabelledQuestion[] }> = [
  { pinned: { name: 'fastify', version: '5.12.8' }, questions: FASTIFY_QUESTIONS },
  { pinned: { name: 'pino', version: '10.4.0' }, questions: PINO_QUESTIONS },
];

/**
 * - BM25: the lexical index's own ranking, before anything the product adds;
 * - lexical: the product's search without a model (BM25, exact names and paths, file-kind priors);
 * - dense: the model alone (nearest vectors);
 * - hybrid: the product's search with the model.
 */
export const METHODS = ['BM25', 'lexical', 'dense', 'hybrid'] as const;
export type Method = (typeof METHODS)[number];

export interface QuestionEvalOptions {
  readonly repositoryRoot: string;
  readonly modelId: string;
  /** Also list every question's rank under each method. */
  readonly verbose: boolean;
  log(message: string): void;
}

export interface QuestionEvalOutcome {
  readonly passed: boolean;
  readonly text: string;
  readonly markdown: string;
}

interface QuestionRanks {
  readonly repository: string;
  readonly question: LabelledQuestion;
  readonly ranks: Readonly<Record<Method, number | null>>;
}

/**
 * Labelled questions about real repositories: each pinned package is copied into a git repository, analysed
 * by the worker's five stages in this process, and asked its questions through each method. Passes when
 * hybrid search's MRR over all questions is at least the best single method's.
 */
export async function runQuestionEval(options: QuestionEvalOptions): Promise<QuestionEvalOutcome> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-eval-data-'));
  const settings = evalSettings(dataDir, path.join(options.repositoryRoot, 'models'), options.modelId);
  const results: QuestionRanks[] = [];
  try {
    const embedder = await loadEmbedder(settings.embedding);
    for (const { pinned, questions } of QUESTION_SETS) {
      const repository = await packageRepository(path.join(options.repositoryRoot, 'node_modules'), pinned);
      try {
        const analysed = await analyseRepository(repository.url, settings);
        await checkLabels(questions, analysed.checkoutDir, analysed.index.chunks);
        options.log(`${pinned.name}@${pinned.version}: ${analysed.index.chunks.length} chunks, analysed in ${(analysed.analyseMs / 1000).toFixed(1)} s`);
        for (const entry of await rankQuestions(analysed.index, questions, embedder)) results.push({ repository: pinned.name, ...entry });
      } finally {
        await repository.remove();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return report(results, options);
}

async function rankQuestions(
  index: RepositoryIndex,
  questions: readonly LabelledQuestion[],
  embedder: Embedder,
): Promise<Array<{ question: LabelledQuestion; ranks: Record<Method, number | null> }>> {
  const texts = questions.map((question) => question.text.trim());
  const vectors = await embedder.embed(texts);
  const cached = cachedEmbedder(embedder, texts, vectors);
  const passage = (chunk: Chunk | undefined): RankedPassage[] => (chunk === undefined ? [] : [passageOf(chunk)]);
  // Search hits carry no chunk kind: they are matched back to their chunks by place and symbol, and by
  // their snippet where two chunks share those (a README's first section and the project summary).
  const chunksByHit = new Map<string, Chunk[]>();
  for (const chunk of index.chunks) chunksByHit.set(hitKey(chunk), [...(chunksByHit.get(hitKey(chunk)) ?? []), chunk]);
  const ranked: Array<{ question: LabelledQuestion; ranks: Record<Method, number | null> }> = [];
  for (const [i, question] of questions.entries()) {
    const bm25 = index.lexical.search(texts[i]!, TOP_K).flatMap((hit) => passage(index.chunks[hit.id]));
    const dense = (index.vectors?.search(vectors[i]!, TOP_K) ?? []).flatMap((hit) => passage(index.chunks[hit.id]));
    const searched = async (withModel: Embedder | null): Promise<RankedPassage[]> => {
      const outcome = await searchRepositoryIndex(index, texts[i]!, { k: TOP_K, groupBy: 'chunk', embedder: withModel });
      return outcome.results.map((hit) => {
        const sharing = chunksByHit.get(hitKey(hit)) ?? [];
        const chunk = sharing.length === 1 ? sharing[0] : sharing.find((candidate) => candidate.text.includes(hit.snippet));
        return chunk === undefined ? { path: hit.path, startLine: hit.startLine, endLine: hit.endLine, summary: null } : passageOf(chunk);
      });
    };
    ranked.push({
      question,
      ranks: {
        BM25: rankOfAnswer(question, bm25),
        lexical: rankOfAnswer(question, await searched(null)),
        dense: rankOfAnswer(question, dense),
        hybrid: rankOfAnswer(question, await searched(cached)),
      },
    });
  }
  return ranked;
}

function hitKey(hit: { path: string; startLine: number; endLine: number; symbol?: string | undefined }): string {
  return JSON.stringify([hit.path, hit.startLine, hit.endLine, hit.symbol ?? null]);
}

function report(results: readonly QuestionRanks[], options: QuestionEvalOptions): QuestionEvalOutcome {
  const scoresOf = (entries: readonly QuestionRanks[], method: Method): RankingScores => scoreRanks(entries.map((entry) => entry.ranks[method]));
  const groups: Array<[string, QuestionRanks[]]> = [
    ...[...new Set(results.map((entry) => entry.repository))].map((name): [string, QuestionRanks[]] => [name, results.filter((entry) => entry.repository === name)]),
    ['all', [...results]],
  ];
  const header = ['repository', 'method', 'questions', 'recall@1', 'recall@5', 'recall@10', 'MRR'];
  const rows = groups.flatMap(([name, entries]) =>
    METHODS.map((method) => {
      const scores = scoresOf(entries, method);
      return [name, method, String(scores.questions), ...[scores.recall1, scores.recall5, scores.recall10, scores.mrr].map((value) => value.toFixed(3))];
    }),
  );
  const table = formatTable(header, rows, 2);

  const kinds = [...new Set(results.map((entry) => entry.question.kind))] as QuestionKind[];
  const kindTable = formatTable(
    ['kind', 'questions', ...METHODS.map((method) => `MRR ${method}`)],
    kinds.map((kind) => {
      const entries = results.filter((entry) => entry.question.kind === kind);
      return [kind, String(entries.length), ...METHODS.map((method) => scoresOf(entries, method).mrr.toFixed(3))];
    }),
    1,
  );

  const all = Object.fromEntries(METHODS.map((method) => [method, scoresOf(results, method).mrr])) as Record<Method, number>;
  const singles = METHODS.filter((method) => method !== 'hybrid');
  const best = singles.reduce((a, b) => (all[b] > all[a] ? b : a));
  const passed = results.length > 0 && all.hybrid >= all[best];
  const verdict =
    `${passed ? 'PASS' : 'FAIL'} hybrid MRR ${all.hybrid.toFixed(3)} ` +
    `${passed ? '≥' : '<'} best single method (${best}) ${all[best].toFixed(3)} over ${results.length} questions`;

  const perQuestion = options.verbose
    ? formatTable(
        ['question', 'kind', ...METHODS],
        results.map((entry) => [entry.question.id, entry.question.kind, ...METHODS.map((method) => String(entry.ranks[method] ?? '-'))]),
        2,
      )
    : null;
  const text =
    `Labelled questions about real repositories (rank of the first right passage in the top ${TOP_K})\n${table.text}\n\n` +
    `MRR by kind of question\n${kindTable.text}\n\n` +
    (perQuestion === null ? '' : `Rank per question ('-': not in the top ${TOP_K})\n${perQuestion.text}\n\n`) +
    `${verdict}\n`;
  const markdown = `### Labelled questions about real repositories\n\n${table.markdown}\n\n#### MRR by kind of question\n\n${kindTable.markdown}\n\n- ${verdict}\n`;
  return { passed, text, markdown };
}
