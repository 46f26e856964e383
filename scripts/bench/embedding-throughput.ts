import type { Chunk } from '@repolens/contracts';
import {
  createEmbeddingStage,
  createMemoryEmbeddingCache,
  embedChunks,
  EMBEDDING_SLICE,
  loadEmbedder,
  loadRepositoryIndex,
  type Embedder,
  type PipelineSettings,
} from '@repolens/pipeline';
import type { BenchRun, TimedReport } from './bench-context.js';

/** What the embedding stage hands `embed` at a time, so raw runs match it. */
const STAGE_CALL_SIZE = EMBEDDING_SLICE;

/** Rounds of (model alone, the stage's embedding path, the whole stage), alternated so machine noise hits all alike. */
const ROUNDS = 3;

/** Where the stage's time goes, from its progress reports. */
export interface StagePhases {
  readonly totalMs: number;
  /** Loading the model (already loaded here), reading the files and cutting them into chunks. */
  readonly preparationMs: number;
  /** From the first vector report to the last: cache lookups, the model, cache stores, and the lexical and vector indexes growing meanwhile. */
  readonly vectorsMs: number;
  /** The indexes finished and written to disk. */
  readonly indexingMs: number;
}

export interface EmbeddingThroughput {
  readonly modelId: string;
  readonly chunks: number;
  readonly tokensPerChunk: number;
  /** The model alone on the same texts in calls of the stage's size, one run per round. */
  readonly rawMs: readonly number[];
  /** The stage's embedding path on the same chunks (content hashes, an empty cache looked up and filled, slices), one run per round. */
  readonly embeddingPathMs: readonly number[];
  /** The stage with an empty cache (every chunk embedded), one run per round. */
  readonly stages: readonly StagePhases[];
  /** The stage again with the cache the rounds filled. */
  readonly cached: { readonly phases: StagePhases; readonly reused: number };
}

/**
 * The embedding stage against the bare model in the same process on the same chunk texts: rounds of the
 * model alone, the stage's embedding path alone and the whole stage, each with an empty embedding cache
 * (every chunk embedded), then the stage once more with a filled cache. Needs the run's earlier stage results and an index from a first embedding run.
 */
export async function measureEmbeddingThroughput(bench: BenchRun, settings: PipelineSettings): Promise<EmbeddingThroughput> {
  const embedder = await loadEmbedder(settings.embedding);
  const { chunks } = await loadRepositoryIndex(bench.workspace.indexDir);
  const texts = chunks.map((chunk) => chunk.text);
  await embedRaw(embedder, texts.slice(0, STAGE_CALL_SIZE * 2)); // threads started, caches warm

  const rawMs: number[] = [];
  const embeddingPathMs: number[] = [];
  const stages: StagePhases[] = [];
  const filled = createMemoryEmbeddingCache();
  for (let round = 0; round < ROUNDS; round++) {
    rawMs.push(await embedRaw(embedder, texts));
    const started = performance.now();
    const signal = new AbortController().signal;
    await embedChunks({ chunks, embedder, cache: createMemoryEmbeddingCache(), signal, onProgress: () => undefined, onSlice: () => undefined });
    embeddingPathMs.push(performance.now() - started);
    const cold = await bench.measure(createEmbeddingStage(settings, { embeddingCache: createMemoryEmbeddingCache() }), 'embedding', bench.results);
    stages.push(phases(cold.timing.wallMs, cold.reports));
  }
  await bench.measure(createEmbeddingStage(settings, { embeddingCache: filled }), 'embedding', bench.results);
  const warm = await bench.measure(createEmbeddingStage(settings, { embeddingCache: filled }), 'embedding (cache filled)', bench.results);

  return {
    modelId: embedder.modelId,
    chunks: chunks.length,
    tokensPerChunk: averageTokens(embedder, chunks),
    rawMs,
    embeddingPathMs,
    stages,
    cached: { phases: phases(warm.timing.wallMs, warm.reports), reused: warm.result.chunksReused },
  };
}

async function embedRaw(embedder: Embedder, texts: readonly string[]): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < texts.length; start += STAGE_CALL_SIZE) await embedder.embed(texts.slice(start, start + STAGE_CALL_SIZE));
  return performance.now() - started;
}

function phases(totalMs: number, reports: readonly TimedReport[]): StagePhases {
  const begin = reports[0]?.at ?? 0;
  const end = reports.at(-1)?.at ?? begin;
  const vectorReports = reports.filter((report) => report.progress.message.startsWith('Vectors for '));
  const first = vectorReports[0]?.at ?? end;
  const last = vectorReports.at(-1)?.at ?? end;
  return { totalMs, preparationMs: first - begin, vectorsMs: last - first, indexingMs: end - last };
}

function averageTokens(embedder: Embedder, chunks: readonly Chunk[]): number {
  if (embedder.tokens === undefined || chunks.length === 0) return 0;
  const counter = embedder.tokens;
  return chunks.reduce((sum, chunk) => sum + counter.count(chunk.text), 0) / chunks.length;
}
