/**
 * Embedding throughput of the default static model on ~200-token code chunks cut from real source
 * (the packages in node_modules), for the two ways `loadEmbedder` can run it: the fast static path
 * (tokenizer + table lookup, worker threads) and the transformers.js pipeline. Prints chunks/s, per
 * core, model load times, and checks that both give the same vectors.
 *
 * Usage: npm run bench:embedding -- [--chunks 4000] [--model repolens/code-embed-stub]
 */
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EMBEDDING_SLICE, loadEmbedder, type Embedder, type EmbeddingSettings } from '@repolens/pipeline';
import { formatCount, formatSeconds } from './bench/format.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Packages whose sources make the chunks: TypeScript and JavaScript of several styles. */
const SOURCE_PACKAGES = ['fastify', 'zod', 'simple-git', 'pino', 'bullmq', 'ioredis', 'marked', 'fast-xml-parser', 'typescript'];
const SOURCE_FILE = /\.(ts|js|mjs|cjs)$/;
const TARGET_TOKENS = 200;
/** What the embedding stage passes to `embed` at a time. */
const STAGE_CALL_SIZE = EMBEDDING_SLICE;
/** The embedder's own batch (EMBEDDING_BATCH_SIZE's default). */
const MODEL_BATCH_SIZE = 32;
/** Ample time for the fast path's worker threads to start (a few hundred ms on a busy 2-core machine). */
const THREAD_START_WAIT_MS = 2_000;

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.isFile() && SOURCE_FILE.test(entry.name)) yield full;
  }
}

/** Cuts source files into runs of whole lines of about TARGET_TOKENS tokens, counted by the model's tokenizer. */
async function buildChunks(count: number, countTokens: (line: string) => number): Promise<{ chunks: string[]; tokens: number }> {
  const chunks: string[] = [];
  let tokens = 0;
  for (const name of SOURCE_PACKAGES) {
    for await (const file of sourceFiles(path.join(repositoryRoot, 'node_modules', name))) {
      const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.length < 1_000);
      let start = 0;
      // Lines are split apart by the tokenizer anyway, so a chunk's tokens are its lines' tokens plus [CLS] and [SEP].
      let chunkTokens = 2;
      for (const [index, line] of lines.entries()) {
        chunkTokens += countTokens(line);
        if (chunkTokens < TARGET_TOKENS) continue;
        chunks.push(lines.slice(start, index + 1).join('\n'));
        tokens += chunkTokens;
        start = index + 1;
        chunkTokens = 2;
        if (chunks.length === count) return { chunks, tokens };
      }
    }
  }
  return { chunks, tokens };
}

interface Timing {
  readonly ms: number;
  /** CPU time of every thread of this process, so a per-core rate holds even on a busy machine. */
  readonly cpuMs: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1_000 };
}

/** Embeds every chunk in calls of `callSize`, as the embedding stage does. */
async function embedAll(embedder: Embedder, chunks: readonly string[], callSize: number): Promise<Timing & { vectors: Float32Array[] }> {
  const { value, ms, cpuMs } = await timed(async () => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < chunks.length; start += callSize) vectors.push(...(await embedder.embed(chunks.slice(start, start + callSize))));
    return vectors;
  });
  return { vectors: value, ms, cpuMs };
}

function rate(count: number, ms: number): number {
  return ms > 0 ? (count * 1_000) / ms : 0;
}

/** "N chunks/s" over the wall time, with the rate per CPU-second beside it. */
function describe(count: number, timing: Timing): string {
  return `${formatCount(rate(count, timing.ms))} chunks/s (${formatCount(rate(count, timing.cpuMs))} per CPU-second)`;
}

function lowestCosine(a: readonly Float32Array[], b: readonly Float32Array[]): { lowest: number; identical: number } {
  let lowest = 1;
  let identical = 0;
  a.forEach((vector, index) => {
    const other = b[index] ?? new Float32Array(vector.length);
    let dot = 0;
    let same = true;
    for (let d = 0; d < vector.length; d += 1) {
      dot += (vector[d] ?? 0) * (other[d] ?? 0);
      if (vector[d] !== other[d]) same = false;
    }
    if (same) identical += 1;
    else lowest = Math.min(lowest, dot);
  });
  return { lowest, identical };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { chunks: { type: 'string', default: '4000' }, model: { type: 'string', default: 'repolens/code-embed-stub' } },
  });
  const settings: EmbeddingSettings = {
    modelId: values.model,
    modelsDir: path.join(repositoryRoot, 'models'),
    allowRemoteModels: false,
    batchSize: MODEL_BATCH_SIZE,
  };
  const cores = availableParallelism();

  // Loads first, each in a process that has not loaded the other yet (transformers.js is imported lazily).
  const fastLoad = await timed(() => loadEmbedder(settings));
  const pipelineLoad = await timed(() => loadEmbedder({ ...settings, fastStaticPath: false }));
  const fast = fastLoad.value;
  const pipeline = pipelineLoad.value;

  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.localModelPath = settings.modelsDir;
  env.allowRemoteModels = false;
  const tokenizer = await AutoTokenizer.from_pretrained(settings.modelId);
  const { chunks, tokens } = await buildChunks(Number(values.chunks), (line) => tokenizer.encode(line, { add_special_tokens: false }).length);
  process.stdout.write(`model ${settings.modelId}, ${fast.dimension} dimensions; ${formatCount(chunks.length)} code chunks from node_modules, ${formatCount(tokens / chunks.length)} tokens each on average\n`);

  // The first large call starts the worker threads (the calling thread embeds until they are ready);
  // give them time to start, then warm both paths before timing.
  await fast.embed(chunks.slice(0, 64));
  await new Promise((resolve) => setTimeout(resolve, THREAD_START_WAIT_MS));
  await fast.embed(chunks.slice(0, 256));
  await pipeline.embed(chunks.slice(0, 64));
  const fastRun = await embedAll(fast, chunks, STAGE_CALL_SIZE);
  const fastBulk = await embedAll(fast, chunks, chunks.length);
  const oneThreadRun = await embedAll(fast, chunks, 1);
  const pipelineRun = await embedAll(pipeline, chunks, STAGE_CALL_SIZE);

  const fastRate = rate(chunks.length, fastRun.ms);
  const pipelineRate = rate(chunks.length, pipelineRun.ms);
  const agreement = lowestCosine(fastRun.vectors, pipelineRun.vectors);
  const count = chunks.length;
  const lines = [
    `fast path: ${formatCount(fastRate)} chunks/s on ${cores} threads (${formatCount(fastRate / cores)} per core; ${formatCount(rate(count, fastRun.cpuMs))} per CPU-second), in calls of ${STAGE_CALL_SIZE} as the embedding stage makes them, word caches cold`,
    `fast path, one call of all ${formatCount(count)} chunks, caches warm: ${describe(count, fastBulk)} on ${cores} threads`,
    `fast path, one thread (the calling one, in calls of 1 text as search embeds a query): ${describe(count, oneThreadRun)}`,
    `transformers.js pipeline: ${describe(count, pipelineRun)}, tokenising in 1 thread (ONNX Runtime with its default threads), in calls of ${STAGE_CALL_SIZE}`,
    `speed-up: ${(fastRate / pipelineRate).toFixed(1)}x on the wall clock, ${(rate(count, fastRun.cpuMs) / rate(count, pipelineRun.cpuMs)).toFixed(1)}x per CPU-second`,
    `model load: fast path ${formatSeconds(fastLoad.ms)}, transformers.js ${formatSeconds(pipelineLoad.ms)} (first load in this process)`,
    `same vectors: ${formatCount(agreement.identical)} of ${formatCount(count)} identical${agreement.identical < count ? `, lowest cosine of the rest ${agreement.lowest.toFixed(6)}` : ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
