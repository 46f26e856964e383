import type { CodeAnalysisResult, MetadataResult } from '@repolens/contracts';
import { loadEmbedder, loadRepositoryIndex, splitIdentifier, type PipelineSettings } from '@repolens/pipeline';
import type { BenchRun } from './bench-context.js';
import { measureChatFirstToken, type ChatLatency } from './chat-first-token.js';
import { measureEmbeddingThroughput, type EmbeddingThroughput } from './embedding-throughput.js';
import { formatCount, formatRatio, formatSeconds } from './format.js';
import { measureSearchLatency, type LatencyFigures, type SearchLatency } from './search-latency.js';

/** The targets of issue 5's benchmark. */
const TARGETS = { stageShareOfRaw: 0.9, searchP50Ms: 20, chatFirstTokenMs: 300 } as const;
const QUESTIONS_PER_KIND = 6;

export interface RetrievalBenchOptions {
  readonly bench: BenchRun;
  readonly settings: PipelineSettings;
  readonly rootDir: string;
  readonly repositoryUrl: string;
  readonly code: CodeAnalysisResult;
  readonly metadata: MetadataResult;
  readonly searchSizes: readonly number[];
  readonly chat: boolean;
}

/** Embedding stage against the bare model, search latency at each corpus size, chat time to first token; printed with the targets. */
export async function runRetrievalBenchmarks(options: RetrievalBenchOptions): Promise<void> {
  const write = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  write('');
  const embedding = await measureEmbeddingThroughput(options.bench, options.settings);
  printEmbedding(embedding, write);

  if (options.searchSizes.length > 0) {
    const embedder = await loadEmbedder(options.settings.embedding);
    const { chunks } = await loadRepositoryIndex(options.bench.workspace.indexDir);
    write('');
    printSearch(await measureSearchLatency(chunks, embedder, options.searchSizes), write);
  }

  if (options.chat) {
    write('');
    const questions = chatQuestions(options.code, options.metadata);
    const chat = await measureChatFirstToken({ rootDir: options.rootDir, repositoryUrl: options.repositoryUrl, modelId: options.settings.embedding.modelId, questions });
    printChat(chat, questions.length, write);
  }
}

function rate(count: number, ms: number): number {
  return ms > 0 ? (count * 1_000) / ms : 0;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function printEmbedding(result: EmbeddingThroughput, write: (line: string) => void): void {
  const rates = (values: readonly number[]): number[] => values.map((ms) => rate(result.chunks, ms));
  const raw = median(rates(result.rawMs));
  const path = median(rates(result.embeddingPathMs));
  const whole = median(rates(result.stages.map((stage) => stage.totalMs)));
  const share = raw > 0 ? path / raw : 0;
  const list = (values: readonly number[]): string => values.map(formatCount).join(', ');
  const ms = (values: readonly number[]): string => formatSeconds(median(values));
  write(`Embedding: ${result.modelId}, ${formatCount(result.chunks)} chunks of ${formatCount(result.tokensPerChunk)} tokens on average, in calls of 256 texts; medians of ${result.rawMs.length} alternating rounds`);
  write(`  model alone (embed() on the chunk texts): ${formatCount(raw)} chunks/s (${list(rates(result.rawMs))})`);
  write(
    `  embedding stage, its embedding (content hashes, cache lookups and stores, slices): ${formatCount(path)} chunks/s = ${formatRatio(share)} the model alone ` +
      `(target >= ${formatRatio(TARGETS.stageShareOfRaw)}: ${verdict(share >= TARGETS.stageShareOfRaw)}) (${list(rates(result.embeddingPathMs))})`,
  );
  write(
    `  embedding stage, whole, empty cache: ${formatCount(whole)} chunks/s = ${formatRatio(raw > 0 ? whole / raw : 0)} the model alone; ` +
      `${ms(result.stages.map((stage) => stage.totalMs))}: reading and cutting the files ${ms(result.stages.map((stage) => stage.preparationMs))}, ` +
      `vectors with the indexes growing meanwhile ${ms(result.stages.map((stage) => stage.vectorsMs))}, indexes finished and written ${ms(result.stages.map((stage) => stage.indexingMs))}`,
  );
  const cached = result.cached.phases;
  write(
    `  embedding stage, cache filled: ${formatCount(result.cached.reused)} of ${formatCount(result.chunks)} chunks reused; ${formatSeconds(cached.totalMs)}: ` +
      `cutting ${formatSeconds(cached.preparationMs)}, vectors (from the cache) with the indexes growing ${formatSeconds(cached.vectorsMs)}, indexes written ${formatSeconds(cached.indexingMs)}`,
  );
}

function describeLatency(figures: LatencyFigures): string {
  return `p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms`;
}

function printSearch(results: readonly SearchLatency[], write: (line: string) => void): void {
  write('Search latency: hybrid search of a loaded index (query embedded, BM25, HNSW, fusion), k=10, one query at a time');
  for (const result of results) {
    const met = result.all.p50Ms <= TARGETS.searchP50Ms;
    write(
      `  ${formatCount(result.chunks)} chunks: ${describeLatency(result.all)} over ${result.all.queries} queries ` +
        `(target p50 <= ${TARGETS.searchP50Ms} ms: ${verdict(met)}, ${formatRatio(result.all.p50Ms / TARGETS.searchP50Ms)} of it); built in ${formatSeconds(result.buildMs)}`,
    );
    write(`    ${result.byKind.map(({ kind, figures }) => `${kind}: ${describeLatency(figures)} (${figures.queries})`).join('; ')}`);
  }
}

function printChat(result: ChatLatency, questions: number, write: (line: string) => void): void {
  if (!result.measured) {
    write(`Chat time to first token: not measured: ${result.reason}`);
    return;
  }
  const met = result.firstToken.p50Ms <= TARGETS.chatFirstTokenMs;
  write(`Chat without a language model, WebSocket /api/repositories/:id/chat (real API, workers, database and index), ${questions} questions, each in a new conversation:`);
  write(
    `  time to first token: ${describeLatency(result.firstToken)} (target <= ${TARGETS.chatFirstTokenMs} ms: ${verdict(met)}, ` +
      `${formatRatio(result.firstToken.p50Ms / TARGETS.chatFirstTokenMs)} of it); whole answer: ${describeLatency(result.wholeAnswer)}`,
  );
}

/** Questions a developer would ask about the repository: overview, where is X, how does X work, what depends on a file. */
function chatQuestions(code: CodeAnalysisResult, metadata: MetadataResult): string[] {
  const symbols = code.files
    .filter((file) => file.category === 'source')
    .flatMap((file) => file.symbols.filter((symbol) => symbol.kind !== 'method'))
    .filter((symbol) => splitIdentifier(symbol.name).length > 1);
  const spread = <T>(items: readonly T[], count: number): T[] =>
    items.length === 0 ? [] : Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
  const questions = [
    `What does ${metadata.name} do?`,
    'What are the main dependencies of this project?',
    'How is the project structured?',
    ...spread(symbols, QUESTIONS_PER_KIND).map((symbol) => `Where is ${symbol.name} defined?`),
    ...spread(symbols.slice(1), QUESTIONS_PER_KIND).map((symbol) => `How does ${splitIdentifier(symbol.name).join(' ').toLowerCase()} work?`),
    ...spread(code.importGraph.mostImported, QUESTIONS_PER_KIND / 2).map((file) => `What depends on ${file.path}?`),
  ];
  return questions;
}
