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
});
