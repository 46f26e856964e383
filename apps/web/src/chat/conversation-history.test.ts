import type { ConversationMessageView } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { exchangesFromMessages } from './conversation-history.js';

const CONVERSATION = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const at = '2025-01-02T03:04:05.000Z';
const user = (text: string): ConversationMessageView => ({ role: 'user', text, citations: [], createdAt: at });
const assistant = (text: string, path = 'src/retry.ts'): ConversationMessageView => ({ role: 'assistant', text, citations: [{ path, startLine: 4, endLine: 7 }], createdAt: at });

describe('a stored conversation as exchanges', () => {
  it('pairs each question with the answer stored after it, citations included', () => {
    const exchanges = exchangesFromMessages(CONVERSATION, [user('What is it?'), assistant('A retry library.'), user('Where is the delay?'), assistant('In retry.ts.')]);
    expect(exchanges.map(({ question, answer, status }) => ({ question, answer, status }))).toEqual([
      { question: 'What is it?', answer: 'A retry library.', status: 'done' },
      { question: 'Where is the delay?', answer: 'In retry.ts.', status: 'done' },
    ]);
    expect(exchanges[0]).toMatchObject({ citations: [{ path: 'src/retry.ts', startLine: 4, endLine: 7 }], fromHistory: true, languageModel: null, error: null });
    expect(new Set(exchanges.map((exchange) => exchange.id)).size).toBe(2);
  });

  it('shows a question whose answer was never stored as failed', () => {
    const exchanges = exchangesFromMessages(CONVERSATION, [user('First?'), user('Second?'), assistant('Answer to the second.')]);
    expect(exchanges.map(({ question, status }) => `${question}:${status}`)).toEqual(['First?:failed', 'Second?:done']);
    expect(exchanges[0]?.error?.message).toContain('No answer');
  });

  it('skips an answer with no question before it', () => {
    expect(exchangesFromMessages(CONVERSATION, [assistant('Orphan.')])).toEqual([]);
  });
});
