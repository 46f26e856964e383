import { ChatServerMessageSchema, type ChatServerMessage } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { EMPTY_CHAT, chatReducer, isAnswering, type ChatAction, type ChatState } from './chat-reducer.js';

const CONVERSATION = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';

/** Server messages go through the real schema, as the socket client parses them. */
const server = (message: unknown): ChatAction => ({ type: 'server', message: ChatServerMessageSchema.parse(message) as ChatServerMessage });
const token = (text: string) => server({ type: 'token', text });
const answer = (text: string) =>
  server({
    type: 'answer',
    conversationId: CONVERSATION,
    answer: text,
    citations: [{ path: 'src/retry.ts', startLine: 4, endLine: 7 }],
    languageModel: 'test-model',
  });

const run = (actions: readonly ChatAction[], state: ChatState = EMPTY_CHAT) => actions.reduce(chatReducer, state);

describe('chatReducer', () => {
  it('streams tokens into the pending answer in arrival order, then takes the final answer and citations', () => {
    const streaming = run([{ type: 'asked', id: 'q1', question: 'How is the delay computed?' }, token('The delay '), token('doubles '), token('each time.')]);
    expect(streaming.exchanges[0]).toMatchObject({ answer: 'The delay doubles each time.', status: 'streaming', citations: [] });
    expect(isAnswering(streaming)).toBe(true);

    const done = run([answer('The delay doubles each time (src/retry.ts:4-7).')], streaming);
    expect(done.exchanges[0]).toMatchObject({
      answer: 'The delay doubles each time (src/retry.ts:4-7).',
      status: 'done',
      citations: [{ path: 'src/retry.ts', startLine: 4, endLine: 7 }],
      languageModel: 'test-model',
    });
    expect(done.conversationId).toBe(CONVERSATION);
    expect(isAnswering(done)).toBe(false);
  });

  it('keeps the conversation for a follow-up and appends the new exchange', () => {
    const first = run([{ type: 'asked', id: 'q1', question: 'What is this?' }, answer('A retry library.')]);
    const second = run([{ type: 'asked', id: 'q2', question: 'And its tests?' }, token('Vitest.')], first);
    expect(second.conversationId).toBe(CONVERSATION);
    expect(second.exchanges.map((exchange) => `${exchange.id}:${exchange.status}`)).toEqual(['q1:done', 'q2:streaming']);
    expect(second.exchanges[0]?.answer).toBe('A retry library.');
  });

  it('ends the pending exchange on an error and keeps the tokens that came before it', () => {
    const failed = run([
      { type: 'asked', id: 'q1', question: 'Why?' },
      token('Partial'),
      server({ type: 'error', error: { code: 'LLM_TIMEOUT', message: 'The language model did not answer in time.' } }),
    ]);
    expect(failed.exchanges[0]).toMatchObject({ status: 'failed', answer: 'Partial', error: { code: 'LLM_TIMEOUT' } });
    expect(isAnswering(failed)).toBe(false);
  });

  it('marks the pending exchange failed when the connection drops', () => {
    const dropped = run([
      { type: 'asked', id: 'q1', question: 'Why?' },
      { type: 'interrupted', error: { code: 'SERVICE_UNAVAILABLE', message: 'The connection was lost.' } },
    ]);
    expect(dropped.exchanges[0]).toMatchObject({ status: 'failed', error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('ignores tokens and answers with no question waiting, and a second question while one is answered', () => {
    expect(run([token('stray')])).toBe(EMPTY_CHAT);
    const done = run([{ type: 'asked', id: 'q1', question: 'What?' }, answer('This.')]);
    expect(run([token(' late'), answer('Other')], done)).toBe(done);

    const waiting = run([{ type: 'asked', id: 'q1', question: 'What?' }]);
    expect(run([{ type: 'asked', id: 'q2', question: 'Again?' }], waiting)).toBe(waiting);
  });

  it('starts a new conversation on reset', () => {
    const done = run([{ type: 'asked', id: 'q1', question: 'What?' }, answer('This.'), { type: 'reset' }]);
    expect(done).toEqual(EMPTY_CHAT);
  });

  describe('past conversations from the server', () => {
    const OTHER = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
    const stored = (id: string, question: string) => ({
      id,
      question,
      answer: 'Stored.',
      status: 'done' as const,
      citations: [],
      languageModel: null,
      error: null,
      fromHistory: true,
    });

    it('opens a chosen conversation in place of the current one, but not while an answer streams', () => {
      const current = run([{ type: 'asked', id: 'q1', question: 'What?' }, answer('This.')]);
      const opened = run([{ type: 'opened', conversationId: OTHER, exchanges: [stored('s1', 'Earlier?')] }], current);
      expect(opened.conversationId).toBe(OTHER);
      expect(opened.exchanges.map((exchange) => exchange.question)).toEqual(['Earlier?']);

      const streaming = run([{ type: 'asked', id: 'q2', question: 'Now?' }, token('Part')], current);
      expect(run([{ type: 'opened', conversationId: OTHER, exchanges: [] }], streaming)).toBe(streaming);
    });

    it('takes the server’s copy of the current conversation unless it changed since it was asked for', () => {
      const current = run([{ type: 'asked', id: 'q1', question: 'What?' }, answer('This.')]);
      const fromServer = [stored('s1', 'What?'), stored('s2', 'And from another tab?')];
      const synced = run([{ type: 'synced', conversationId: CONVERSATION, exchanges: fromServer, basedOn: current.exchanges }], current);
      expect(synced.exchanges).toBe(fromServer);

      // An answer arrived meanwhile, or the reader moved to another conversation: the old read is dropped.
      const moved = run([{ type: 'asked', id: 'q2', question: 'More?' }, answer('More.')], current);
      expect(run([{ type: 'synced', conversationId: CONVERSATION, exchanges: fromServer, basedOn: current.exchanges }], moved)).toBe(moved);
      expect(run([{ type: 'synced', conversationId: OTHER, exchanges: fromServer, basedOn: current.exchanges }], current)).toBe(current);
    });
  });
});
