import type { SearchHit } from '@repolens/contracts';
import type { Embedder } from '../embedding/embedder.js';
import { isZeroVector } from '../embedding/embedder.js';
import type { ScoredChunkId } from './lexical-index.js';
import { classifyQuery, FUSION_WEIGHTS } from './query-kind.js';
import { applyRankingSignals } from './ranking-signals.js';
import type { RepositoryIndex } from './repository-index.js';

export interface RepositorySearchOptions {
  readonly k: number;
  readonly groupBy: 'chunk' | 'file';
  /** Embeds the query; null (or a different model from the index's) searches lexically only. */
  readonly embedder: Embedder | null;
  readonly signal?: AbortSignal;
}

export interface SearchOutcome {
  readonly results: SearchHit[];
  /** Which retrievers contributed. */
  readonly modes: { dense: boolean; lexical: boolean };
}

/** Candidates taken from each retriever, per result asked for. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 20;
const SNIPPET_LINES = 8;

/**
 * Hybrid search: dense and lexical scores, each min-max normalised over its candidates, are summed with
 * weights chosen by the kind of query; then what the query names or quotes raises passages, and each
 * passage is weighed by its role (`applyRankingSignals`).
 */
export async function searchRepositoryIndex(index: RepositoryIndex, query: string, options: RepositorySearchOptions): Promise<SearchOutcome> {
  const k = Math.max(0, Math.floor(options.k));
  const trimmed = query.trim();
  if (k === 0 || trimmed === '') return { results: [], modes: { dense: false, lexical: false } };
  // Grouping by file needs more chunks to find k distinct files.
  const perResult = options.groupBy === 'file' ? CANDIDATES_PER_RESULT * 2 : CANDIDATES_PER_RESULT;
  const limit = Math.max(MIN_CANDIDATES, k * perResult);

  const lexicalHits = index.lexical.search(trimmed, limit);
  const denseHits = await denseSearch(index, trimmed, limit, options);
  const kind = classifyQuery(trimmed);
  const weights = denseHits === null ? { dense: 0, lexical: 1 } : FUSION_WEIGHTS[kind];

  const scores = new Map<number, number>();
  const addScores = (hits: readonly ScoredChunkId[], weight: number): void => {
    for (const [id, normalised] of normalise(hits)) scores.set(id, (scores.get(id) ?? 0) + weight * normalised);
  };
  addScores(lexicalHits, weights.lexical);
  if (denseHits !== null) addScores(denseHits, weights.dense);
  applyRankingSignals(index, trimmed, kind, scores);

  const ranked = Array.from(scores, ([id, score]) => ({ id, score }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id);
  const picked = options.groupBy === 'file' ? bestChunkPerFile(index, ranked) : ranked;
  return {
    results: picked.slice(0, k).flatMap(({ id, score }) => {
      const chunk = index.chunks[id];
      if (chunk === undefined) return [];
      return [
        {
          path: chunk.path,
          startLine: chunk.startLine,
          endLine: chunk.endLine,
          ...(chunk.symbol === undefined ? {} : { symbol: chunk.symbol }),
          score: Math.round(score * 10_000) / 10_000,
          snippet: snippetOf(chunk.text),
        },
      ];
    }),
    modes: { dense: denseHits !== null, lexical: true },
  };
}

/** Dense hits, or null when dense retrieval cannot take part for this index, embedder or query. */
async function denseSearch(
  index: RepositoryIndex,
  query: string,
  limit: number,
  options: RepositorySearchOptions,
): Promise<ScoredChunkId[] | null> {
  const { embedder } = options;
  const model = index.manifest.model;
  if (embedder === null || index.vectors === null || index.vectors.size === 0 || model === null) return null;
  // Vectors of different models live in different spaces; comparing them would be noise.
  if (embedder.modelId !== model.id || embedder.dimension !== model.dimension) return null;
  const [vector] = await embedder.embed([query], options.signal);
  if (vector === undefined || isZeroVector(vector)) return null;
  return index.vectors.search(vector, limit);
}

/** Scores rescaled to 0–1 over the list; a single hit (or all equal) counts as 1. */
function normalise(hits: readonly ScoredChunkId[]): Map<number, number> {
  const values = hits.map((hit) => hit.score);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = max - min;
  return new Map(hits.map((hit) => [hit.id, range > 0 ? (hit.score - min) / range : 1]));
}

function bestChunkPerFile(index: RepositoryIndex, ranked: ReadonlyArray<{ id: number; score: number }>) {
  const seen = new Set<string>();
  return ranked.filter(({ id }) => {
    const filePath = index.chunks[id]?.path;
    if (filePath === undefined || seen.has(filePath)) return false;
    seen.add(filePath);
    return true;
  });
}

/** The first lines of a chunk, without the header line the chunker adds. */
export function snippetOf(text: string): string {
  const lines = text.split('\n').slice(1);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return '';
  return lines.slice(first, first + SNIPPET_LINES).join('\n');
}
