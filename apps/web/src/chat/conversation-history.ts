import type { ConversationMessageView } from '@repolens/contracts';
import type { Exchange } from './chat-reducer.js';

/**
 * A stored conversation as exchanges: each question with the answer stored after it. A question whose
 * answer was never stored (the server stopped between the two) shows as failed, saying so.
 */
export function exchangesFromMessages(conversationId: string, messages: readonly ConversationMessageView[]): Exchange[] {
  const exchanges: Exchange[] = [];
  messages.forEach((message, index) => {
    if (message.role !== 'user') return;
    const next = messages[index + 1];
    const id = `${conversationId}:${index}`;
    const base = { id, question: message.text, languageModel: null, fromHistory: true } as const;
    if (next?.role === 'assistant') {
      exchanges.push({ ...base, answer: next.text, status: 'done', citations: next.citations, error: null });
    } else {
      exchanges.push({ ...base, answer: '', status: 'failed', citations: [], error: { code: 'NOT_FOUND', message: 'No answer to this question was stored.' } });
    }
  });
  return exchanges;
}
