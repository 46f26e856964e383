import type { Passage } from '@repolens/pipeline';
import type { Retrieval } from './retrieval.js';

const PASSAGES = 8;
/** A question this short after an earlier one is likely a follow-up ("and where is it called?"). */
const FOLLOW_UP_MAX_WORDS = 12;

/**
 * The passages that answer a question in a conversation: those for the question itself first, then,
 * for a short follow-up, those for the previous question read together with it, so "where is it
 * tested?" still finds what "it" was.
 */
export async function retrievePassages(
  retrieval: Retrieval,
  input: { indexPath: string; question: string; history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }> },
): Promise<Passage[]> {
  const own = await retrieval.passages({ indexPath: input.indexPath, query: input.question, k: PASSAGES, groupBy: 'chunk' });
  const previous = input.history.filter((turn) => turn.role === 'user').at(-1)?.content;
  const words = input.question.trim().split(/\s+/).length;
  if (previous === undefined || words > FOLLOW_UP_MAX_WORDS) return own;

  const combined = await retrieval.passages({
    indexPath: input.indexPath,
    query: `${previous}\n${input.question}`,
    k: PASSAGES,
    groupBy: 'chunk',
  });
  // Interleaved so neither reading crowds the other out.
  const merged: Passage[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < PASSAGES && merged.length < PASSAGES; i++) {
    for (const passage of [own[i], combined[i]]) {
      if (passage === undefined) continue;
      const key = `${passage.path}:${passage.startLine}-${passage.endLine}`;
      if (seen.has(key) || merged.length >= PASSAGES) continue;
      seen.add(key);
      merged.push(passage);
    }
  }
  return merged;
}
