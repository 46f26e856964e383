import { performance } from 'node:perf_hooks';
import type { ChatResponse } from '@repolens/contracts';
import { answerWithoutModel, buildChatPrompt, citationsOfAnswer, isDependentsQuestion, type LanguageModel, type Passage } from '@repolens/pipeline';
import type { AppDeps } from '../app-deps.js';
import { readyAnalysis, type ReadyAnalysis } from './ready-analysis.js';
import { retrievePassages } from './conversation-retrieval.js';

const HISTORY_MESSAGES = 12;

export interface AnswerQuestionInput {
  readonly repositoryId: string;
  readonly question: string;
  readonly conversationId: string | undefined;
  /** Receives the answer as it is written, piece by piece. */
  readonly onToken?: (text: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Answers a question about a repository, citing what it used: written by the configured language model
 * from the retrieved passages and the conversation so far, or, without one, assembled from retrieval and
 * the analysis (and saying so). The exchange is stored once the answer is complete.
 */
export async function answerQuestion(deps: AppDeps, input: AnswerQuestionInput): Promise<ChatResponse> {
  const startedAt = performance.now();
  const analysis = await readyAnalysis(deps.db, input.repositoryId);
  const conversationId = await deps.db.conversations.open(input.repositoryId, input.conversationId);
  const history = await deps.db.conversations.history(conversationId, HISTORY_MESSAGES);
  const passages = await retrievePassages(deps.retrieval, { indexPath: analysis.indexPath, question: input.question, history });

  const model = deps.languageModel;
  const written =
    model === null
      ? await answerFromRetrieval(deps, input, analysis, passages)
      : await answerWithModel(model, input, analysis, passages, history);

  await deps.db.conversations.append(conversationId, { role: 'user', content: input.question, citations: [] });
  await deps.db.conversations.append(conversationId, { role: 'assistant', content: written.answer, citations: written.citations });
  deps.metrics.chatLatency.observe({ mode: model === null ? 'retrieval' : 'model' }, (performance.now() - startedAt) / 1000);
  return { conversationId, answer: written.answer, citations: written.citations, languageModel: model?.model ?? null };
}

async function answerFromRetrieval(deps: AppDeps, input: AnswerQuestionInput, analysis: ReadyAnalysis, passages: readonly Passage[]) {
  const importGraph = isDependentsQuestion(input.question) ? await deps.db.results.loadImportGraph(analysis.runId) : null;
  const written = answerWithoutModel({
    question: input.question,
    hits: passages,
    metadata: analysis.metadata,
    structure: analysis.structure,
    importGraph,
  });
  // Streamed in word-sized pieces, whitespace kept, so the pieces join back to the answer exactly.
  for (const piece of written.answer.match(/\s*\S+\s*/g) ?? [written.answer]) input.onToken?.(piece);
  return written;
}

async function answerWithModel(
  model: LanguageModel,
  input: AnswerQuestionInput,
  analysis: ReadyAnalysis,
  passages: readonly Passage[],
  history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>,
) {
  const messages = buildChatPrompt({
    question: input.question,
    passages,
    history,
    repository: {
      name: analysis.metadata?.name ?? 'this repository',
      commit: analysis.commitSha,
      metadata: analysis.metadata,
      structure: analysis.structure,
    },
  });
  let answer = '';
  for await (const piece of model.stream(messages, input.signal)) {
    answer += piece;
    input.onToken?.(piece);
  }
  return { answer, citations: citationsOfAnswer(answer, passages) };
}
