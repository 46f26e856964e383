import type { ChatServerMessage, Citation, EventError } from '@repolens/contracts';

/** One question and its answer, as the answer streams in. */
export interface Exchange {
  readonly id: string;
  readonly question: string;
  /** The answer so far: the streamed tokens, then the final answer once it arrives. */
  readonly answer: string;
  readonly status: 'waiting' | 'streaming' | 'done' | 'failed';
  readonly citations: readonly Citation[];
  /** The language model that wrote the answer; null when it came from retrieval alone. */
  readonly languageModel: string | null;
  readonly error: EventError | null;
  /** Read back from the server's history, which does not record who wrote the answer. */
  readonly fromHistory: boolean;
}

export interface ChatState {
  /** The server's conversation, reused for follow-up questions; null until the first answer. */
  readonly conversationId: string | null;
  readonly exchanges: readonly Exchange[];
}

export type ChatAction =
  | { readonly type: 'asked'; readonly id: string; readonly question: string }
  | { readonly type: 'server'; readonly message: ChatServerMessage }
  /** The socket closed or could not be opened while an answer was on its way. */
  | { readonly type: 'interrupted'; readonly error: EventError }
  | { readonly type: 'reset' }
  /** A past conversation the reader chose, read from the server. */
  | { readonly type: 'opened'; readonly conversationId: string; readonly exchanges: readonly Exchange[] }
  /**
   * The current conversation as the server has it, read again after a reload; `basedOn` is what the
   * page showed when it asked, so an answer that arrived meanwhile is not overwritten.
   */
  | { readonly type: 'synced'; readonly conversationId: string; readonly exchanges: readonly Exchange[]; readonly basedOn: readonly Exchange[] };

export const EMPTY_CHAT: ChatState = { conversationId: null, exchanges: [] };

/** True while a question waits for (the rest of) its answer: the server answers one at a time. */
export function isAnswering(state: ChatState): boolean {
  const last = state.exchanges.at(-1);
  return last !== undefined && (last.status === 'waiting' || last.status === 'streaming');
}

/**
 * The conversation as the chat socket reports it: tokens append to the pending answer in the order
 * they arrive, the `answer` message replaces the streamed text with the checked final answer and its
 * citations, and an `error` ends the pending exchange. Messages with no pending exchange are stale
 * (an answer to a question from before a reset) and change nothing.
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'asked':
      if (isAnswering(state)) return state;
      return {
        ...state,
        exchanges: [
          ...state.exchanges,
          { id: action.id, question: action.question, answer: '', status: 'waiting', citations: [], languageModel: null, error: null, fromHistory: false },
        ],
      };
    case 'server':
      return applyServerMessage(state, action.message);
    case 'interrupted':
      return updatePending(state, (exchange) => ({ ...exchange, status: 'failed', error: action.error }));
    case 'reset':
      return EMPTY_CHAT;
    // A conversation being answered is not replaced; a sync applies only to what it was based on.
    case 'opened':
      return isAnswering(state) ? state : { conversationId: action.conversationId, exchanges: action.exchanges };
    case 'synced':
      return state.conversationId !== action.conversationId || state.exchanges !== action.basedOn ? state : { conversationId: action.conversationId, exchanges: action.exchanges };
  }
}

function applyServerMessage(state: ChatState, message: ChatServerMessage): ChatState {
  switch (message.type) {
    case 'token':
      return updatePending(state, (exchange) => ({ ...exchange, status: 'streaming', answer: exchange.answer + message.text }));
    case 'answer': {
      const next = updatePending(state, (exchange) => ({
        ...exchange,
        status: 'done',
        answer: message.answer,
        citations: message.citations,
        languageModel: message.languageModel,
      }));
      return next === state ? state : { ...next, conversationId: message.conversationId };
    }
    case 'error':
      return updatePending(state, (exchange) => ({ ...exchange, status: 'failed', error: message.error }));
  }
}

function updatePending(state: ChatState, update: (exchange: Exchange) => Exchange): ChatState {
  const last = state.exchanges.at(-1);
  if (last === undefined || (last.status !== 'waiting' && last.status !== 'streaming')) return state;
  return { ...state, exchanges: [...state.exchanges.slice(0, -1), update(last)] };
}
