import type { Chunk } from '@repolens/contracts';
import { exactMatchBoosts } from './exact-match.js';
import { BEHAVIOUR_INTENT, listsDependencies, passageRole, queryIntent, roleWeights } from './passage-role.js';
import { phraseBoosts } from './phrase-match.js';
import type { QueryKind } from './query-kind.js';
import { queryReferences } from './query-references.js';
import type { RepositoryIndex } from './repository-index.js';

/** A question about dependencies is answered by the project summary, which lists them. */
const DEPENDENCY_SUMMARY_BOOST = 0.6;

/**
 * Adjusts fused retrieval scores (chunk id → score, changed in place) by what the query says outright:
 * - passages holding a stretch of the query word for word (a pasted error message: `phraseBoosts`);
 * - passages it names: a symbol or defined name, exactly, as a member or close to it; a file by path or
 *   name; the chunk a stack-trace frame points at (`exactMatchBoosts`);
 * - the project summary, for a question about dependencies;
 * and then weighs each passage by its role: for a question about behaviour, source code counts more than
 * tests and prose, unless the question asks about those (`roleWeights`).
 */
export function applyRankingSignals(index: RepositoryIndex, query: string, kind: QueryKind, scores: Map<number, number>): void {
  const add = (id: number, boost: number): void => {
    scores.set(id, (scores.get(id) ?? 0) + boost);
  };
  const candidates = Array.from(scores.keys(), (id) => index.chunks[id]).filter((chunk): chunk is Chunk => chunk !== undefined);
  for (const [id, boost] of phraseBoosts(query, candidates)) add(id, boost);
  const named = exactMatchBoosts(index.exactMatches, query, {
    queryIsIdentifier: kind === 'identifier',
    references: queryReferences(query),
    closeNames: kind !== 'long',
  });
  for (const [id, boost] of named) add(id, boost);

  // A pasted report's words ("our tests fail", "the docs say") describe the problem, not what is wanted.
  const intent = kind === 'long' ? BEHAVIOUR_INTENT : queryIntent(query);
  if (intent.dependencies) {
    for (const chunk of index.chunks) if (listsDependencies(chunk)) add(chunk.id, DEPENDENCY_SUMMARY_BOOST);
  }
  const roles = roleWeights(intent);
  for (const [id, score] of scores) {
    const chunk = index.chunks[id];
    if (chunk !== undefined) scores.set(id, score * roles[passageRole(chunk)]);
  }
}
