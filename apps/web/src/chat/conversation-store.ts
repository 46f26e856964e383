import { ChatResponseSchema, EventErrorSchema } from '@repolens/contracts';
import { EMPTY_CHAT, type ChatState, type Exchange } from './chat-reducer.js';

/**
 * A repository's current conversation survives a reload: kept in this browser so it shows at once, then
 * read again from the server, which keeps the history itself.
 */
const KEY_PREFIX = 'repolens.conversation.';
/** The newest exchanges kept; older ones stay in the server's conversation history. */
const MAX_KEPT = 40;

export function loadConversation(repositoryId: string, storage: Storage | undefined = safeStorage()): ChatState {
  const raw = storage?.getItem(KEY_PREFIX + repositoryId);
  if (raw === null || raw === undefined) return EMPTY_CHAT;
  try {
    const stored = JSON.parse(raw) as { conversationId?: unknown; exchanges?: unknown };
    const conversationId = typeof stored.conversationId === 'string' ? stored.conversationId : null;
    const exchanges = Array.isArray(stored.exchanges) ? stored.exchanges.flatMap(readExchange) : [];
    return { conversationId, exchanges };
  } catch {
    return EMPTY_CHAT;
  }
}

/** Saves the finished exchanges; one still streaming is saved once it ends. */
export function saveConversation(repositoryId: string, state: ChatState, storage: Storage | undefined = safeStorage()): void {
  if (storage === undefined) return;
  const finished = state.exchanges.filter((exchange) => exchange.status === 'done' || exchange.status === 'failed').slice(-MAX_KEPT);
  try {
    if (state.conversationId === null && finished.length === 0) storage.removeItem(KEY_PREFIX + repositoryId);
    else storage.setItem(KEY_PREFIX + repositoryId, JSON.stringify({ conversationId: state.conversationId, exchanges: finished }));
  } catch {
    // A full or disabled storage only costs the history after a reload.
  }
}

/** A stored exchange, checked with the contracts' own schemas: storage is input like any other. */
function readExchange(value: unknown): Exchange[] {
  if (typeof value !== 'object' || value === null) return [];
  const item = value as Record<string, unknown>;
  if (typeof item['id'] !== 'string' || typeof item['question'] !== 'string') return [];
  const fromHistory = item['fromHistory'] === true;
  if (item['status'] === 'failed') {
    const error = EventErrorSchema.safeParse(item['error']);
    if (!error.success) return [];
    const answer = typeof item['answer'] === 'string' ? item['answer'] : '';
    return [{ id: item['id'], question: item['question'], answer, status: 'failed', citations: [], languageModel: null, error: error.data, fromHistory }];
  }
  const response = ChatResponseSchema.omit({ conversationId: true }).safeParse(item);
  if (item['status'] !== 'done' || !response.success) return [];
  const { answer, citations, languageModel } = response.data;
  return [{ id: item['id'], question: item['question'], answer, status: 'done', citations, languageModel, error: null, fromHistory }];
}

function safeStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
