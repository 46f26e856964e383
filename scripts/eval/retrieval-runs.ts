import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { buildRepositoryIndex, loadRepositoryIndex, searchRepositoryIndex, type Embedder, type RepositoryIndex } from '@repolens/pipeline';
import { cachedEmbedder } from './cached-embedder.js';

export const TOP_K = 10;

/** A query and the chunk that answers it. */
export interface LabelledQuery {
  readonly text: string;
  readonly target: number;
}

export interface RankingScores {
  readonly queries: number;
  /** Per query, in order: 1/rank of the target when in the top 10, else 0. */
  readonly reciprocalRanks: readonly number[];
  readonly mrr10: number;
  readonly recall1: number;
  readonly recall10: number;
}

export type RetrievalMode = 'lexical' | 'dense' | 'hybrid';

/**
 * Builds the product's index (BM25, and HNSW vectors when an embedder is given) over the chunks, as the
 * embedding stage does, in a temporary directory, and loads it back as search would.
 */
export async function buildEvalIndex(chunks: readonly Chunk[], embedder: Embedder | null): Promise<RepositoryIndex> {
  const parent = await mkdtemp(path.join(tmpdir(), 'repolens-eval-'));
  const dir = path.join(parent, 'index');
  try {
    await buildRepositoryIndex({ dir, chunks, embedder, signal: new AbortController().signal, onProgress: () => undefined });
    return await loadRepositoryIndex(dir);
  } finally {
    // Everything is in memory once loaded.
    await rm(parent, { recursive: true, force: true });
  }
}

/**
 * Where each query's target ranks in the top 10 of one retrieval mode: 'lexical' and 'hybrid' through
 * the product's `searchRepositoryIndex` (without and with the embedder), 'dense' straight from the
 * index's vectors (the model alone).
 */
export async function rankTargets(
  index: RepositoryIndex,
  queries: readonly LabelledQuery[],
  mode: RetrievalMode,
  embedder: Embedder | null,
): Promise<RankingScores> {
  const ranks: Array<number | null> = [];
  if (mode === 'dense') {
    if (embedder === null || index.vectors === null) throw new Error('the model alone needs an embedder and an index with vectors');
    const vectors = await embedder.embed(queries.map((query) => query.text));
    queries.forEach((query, i) => {
      const hits = index.vectors?.search(vectors[i]!, TOP_K) ?? [];
      const position = hits.findIndex((hit) => hit.id === query.target);
      ranks.push(position === -1 ? null : position + 1);
    });
    return scoreRanks(ranks);
  }
  const searchEmbedder = mode === 'hybrid' ? embedder : null;
  const cached = searchEmbedder === null ? null : await withQueryCache(searchEmbedder, queries.map((query) => query.text));
  for (const query of queries) {
    const outcome = await searchRepositoryIndex(index, query.text, { k: TOP_K, groupBy: 'chunk', embedder: cached });
    const target = index.chunks[query.target];
    const position = outcome.results.findIndex(
      (hit) => target !== undefined && hit.path === target.path && hit.startLine === target.startLine && hit.symbol === target.symbol,
    );
    ranks.push(position === -1 ? null : position + 1);
  }
  return scoreRanks(ranks);
}

function scoreRanks(ranks: ReadonlyArray<number | null>): RankingScores {
  const count = Math.max(1, ranks.length);
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  const reciprocalRanks = ranks.map((rank) => (rank === null ? 0 : 1 / rank));
  return {
    queries: ranks.length,
    reciprocalRanks,
    mrr10: sum(reciprocalRanks) / count,
    recall1: ranks.filter((rank) => rank === 1).length / count,
    recall10: ranks.filter((rank) => rank !== null).length / count,
  };
}

/** The embedder with the queries embedded up front in batches (the same vectors, far fewer calls). */
async function withQueryCache(embedder: Embedder, texts: readonly string[]): Promise<Embedder> {
  const trimmed = texts.map((text) => text.trim());
  return cachedEmbedder(embedder, trimmed, await embedder.embed(trimmed));
}
