import { codeTerms, splitIdentifier } from '../embedding/split-identifiers.js';

/**
 * What a search query looks like, which decides how much each retriever counts:
 * - `identifier`: a symbol or path (`computeRetryDelay`, `src/retry.ts`): exact terms matter most.
 * - `question`: natural language ("how is the retry delay computed"): meaning matters more.
 * - `long`: pasted text such as a bug report or stack trace: many exact terms, meaning diluted.
 */
export type QueryKind = 'identifier' | 'question' | 'long';

const MAX_IDENTIFIER_WORDS = 3;
const MIN_LONG_WORDS = 30;
const MIN_LONG_LINES = 4;

export function classifyQuery(query: string): QueryKind {
  const words = query.trim().split(/\s+/).filter((word) => word !== '');
  const lines = query.trim().split('\n').length;
  if (words.length >= MIN_LONG_WORDS || lines >= MIN_LONG_LINES) return 'long';
  if (words.length === 1) return 'identifier';
  const looksLikeCode = codeTerms(query).some((term) => splitIdentifier(term).length > 1) || /[(){};=<>]/.test(query);
  if (words.length <= MAX_IDENTIFIER_WORDS && looksLikeCode) return 'identifier';
  return 'question';
}

/**
 * How much the dense and lexical scores count for each kind of query; they sum to 1. `question` was
 * tuned with repolens/code-embed-v1 on its validation packages (tools/embedding-model, `npm run eval`).
 */
export const FUSION_WEIGHTS = {
  identifier: { dense: 0.3, lexical: 0.7 },
  question: { dense: 0.5, lexical: 0.5 },
  long: { dense: 0.3, lexical: 0.7 },
} as const satisfies Record<QueryKind, { dense: number; lexical: number }>;
