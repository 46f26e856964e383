import { performance } from 'node:perf_hooks';
import type { ChatResponse } from '@repolens/contracts';
import { answerWithoutModel } from '@repolens/pipeline';
import type { AppDeps } from '../app-deps.js';
import { readyAnalysis } from './ready-analysis.js';

const PASSAGES = 8;

/**
 * Answers from the repository's index and analysis, citing what it used. No language model is wired in
 * yet, and the answer says so; the conversation is stored either way.
 */
export async function answerQuestion(
  deps: AppDeps,
  input: { repositoryId: string; question: string; conversationId: string | undefined },
): Promise<ChatResponse> {
  const startedAt = performance.now();
  const analysis = await readyAnalysis(deps.db, input.repositoryId);
  const conversationId = await deps.db.conversations.open(input.repositoryId, input.conversationId);
  const search = await deps.retrieval.search({ indexPath: analysis.indexPath, query: input.question, k: PASSAGES, groupBy: 'chunk' });
  const { answer, citations } = answerWithoutModel({
    question: input.question,
    hits: search.results,
    metadata: analysis.metadata,
    structure: analysis.structure,
  });
  await deps.db.conversations.append(conversationId, { role: 'user', content: input.question, citations: [] });
  await deps.db.conversations.append(conversationId, { role: 'assistant', content: answer, citations });
  deps.metrics.chatLatency.observe({ mode: 'retrieval' }, (performance.now() - startedAt) / 1000);
  return { conversationId, answer, citations };
}
