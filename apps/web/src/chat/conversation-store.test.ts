import { describe, expect, it } from 'vitest';
import { EMPTY_CHAT, type ChatState } from './chat-reducer.js';
import { loadConversation, saveConversation } from './conversation-store.js';

/** The part of the Web Storage API the store uses, kept in a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const REPOSITORY = '0b6f3c4e-8a51-4d2f-9c3e-1f2a3b4c5d6e';
const CONVERSATION = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';

const state: ChatState = {
  conversationId: CONVERSATION,
  exchanges: [
    { id: 'a', question: 'What is it?', answer: 'A retry library.', status: 'done', citations: [{ path: 'README.md', startLine: 1, endLine: 3 }], languageModel: null, error: null, fromHistory: true },
    { id: 'b', question: 'Why?', answer: '', status: 'failed', citations: [], languageModel: null, error: { code: 'LLM_TIMEOUT', message: 'Too slow.' }, fromHistory: false },
    { id: 'c', question: 'And?', answer: 'Part', status: 'streaming', citations: [], languageModel: null, error: null, fromHistory: false },
  ],
};

describe('the conversation kept in the browser', () => {
  it('brings back the conversation and its finished exchanges, per repository', () => {
    const storage = memoryStorage();
    saveConversation(REPOSITORY, state, storage);
    const loaded = loadConversation(REPOSITORY, storage);
    expect(loaded.conversationId).toBe(CONVERSATION);
    expect(loaded.exchanges.map((exchange) => `${exchange.id}:${exchange.status}`)).toEqual(['a:done', 'b:failed']);
    expect(loaded.exchanges[0]?.citations).toEqual([{ path: 'README.md', startLine: 1, endLine: 3 }]);
    expect(loaded.exchanges.map((exchange) => exchange.fromHistory)).toEqual([true, false]);
    expect(loadConversation('9f8e7d6c-5b4a-4321-8fed-cba987654321', storage)).toEqual(EMPTY_CHAT);
  });

  it('ignores stored data it cannot read instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(`repolens.conversation.${REPOSITORY}`, '{not json');
    expect(loadConversation(REPOSITORY, storage)).toEqual(EMPTY_CHAT);
    storage.setItem(`repolens.conversation.${REPOSITORY}`, JSON.stringify({ conversationId: 7, exchanges: [{ id: 'x', question: 'q', status: 'done', citations: 'no' }] }));
    expect(loadConversation(REPOSITORY, storage)).toEqual(EMPTY_CHAT);
  });

  it('forgets the conversation once it is reset', () => {
    const storage = memoryStorage();
    saveConversation(REPOSITORY, state, storage);
    saveConversation(REPOSITORY, EMPTY_CHAT, storage);
    expect(storage.length).toBe(0);
  });
});
