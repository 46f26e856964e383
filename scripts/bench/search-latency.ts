import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { buildRepositoryIndex, createMemoryEmbeddingCache, loadRepositoryIndex, searchRepositoryIndex, type Embedder } from '@repolens/pipeline';
import { corpusQueries, syntheticCorpus, type QueryKind } from './synthetic-corpus.js';

const QUERIES_PER_KIND = 100;
/** A kind of query stops being measured once its queries have taken this long (slow ones would take minutes). */
const TIME_PER_KIND_MS = 60_000;
const WARM_UP_QUERIES = 20;
const QUERY_SEED = 0x5ea7c4;
const K = 10;

export interface LatencyFigures {
  readonly queries: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface SearchLatency {
  readonly chunks: number;
  /** Embedding the corpus (vectors of the larger corpus are reused for the smaller), indexing, writing. */
  readonly buildMs: number;
  readonly all: LatencyFigures;
  readonly byKind: ReadonlyArray<{ kind: QueryKind; figures: LatencyFigures }>;
}

/**
 * Search latency as the API serves it (a loaded index, the query embedded by the same model, hybrid
 * fusion) on corpora of each size made from the repository's chunks, largest first so its vectors are
 * computed once. One query at a time, after a few to warm up.
 */
export async function measureSearchLatency(chunks: readonly Chunk[], embedder: Embedder, sizes: readonly number[]): Promise<SearchLatency[]> {
  const cache = createMemoryEmbeddingCache();
  const results: SearchLatency[] = [];
  const parent = await mkdtemp(path.join(tmpdir(), 'repolens-bench-search-'));
  try {
    for (const size of [...sizes].sort((a, b) => b - a)) {
      const corpus = syntheticCorpus(chunks, size);
      const dir = path.join(parent, `index-${size}`);
      const started = performance.now();
      await buildRepositoryIndex({ dir, chunks: corpus, embedder, cache, signal: new AbortController().signal, onProgress: () => undefined });
      const buildMs = performance.now() - started;
      const index = await loadRepositoryIndex(dir);

      const queries = corpusQueries(corpus, QUERIES_PER_KIND, QUERY_SEED);
      for (const query of queries.slice(0, WARM_UP_QUERIES)) await searchRepositoryIndex(index, query.text, { k: K, groupBy: 'chunk', embedder });
      const timings: Array<{ kind: QueryKind; ms: number }> = [];
      const spent = new Map<QueryKind, number>();
      for (const query of queries) {
        if ((spent.get(query.kind) ?? 0) > TIME_PER_KIND_MS) continue;
        const queryStarted = performance.now();
        await searchRepositoryIndex(index, query.text, { k: K, groupBy: 'chunk', embedder });
        const ms = performance.now() - queryStarted;
        timings.push({ kind: query.kind, ms });
        spent.set(query.kind, (spent.get(query.kind) ?? 0) + ms);
      }
      const kinds = [...new Set(timings.map((timing) => timing.kind))];
      results.push({
        chunks: size,
        buildMs,
        all: figures(timings.map((timing) => timing.ms)),
        byKind: kinds.map((kind) => ({ kind, figures: figures(timings.filter((timing) => timing.kind === kind).map((timing) => timing.ms)) })),
      });
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
  return results.sort((a, b) => a.chunks - b.chunks);
}

export function figures(values: readonly number[]): LatencyFigures {
  const sorted = [...values].sort((a, b) => a - b);
  return { queries: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}
