import { randomUUID } from 'node:crypto';
import type { ChatResponse, ConversationList, ConversationMessages, CreateRepositoryResponse, ErrorBody } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const LONG_QUESTION =
  'How does the retry helper decide how long to wait between attempts, and where is the upper limit on that delay configured in this project?';

describe('conversation history: listing a repository’s conversations and reopening one', () => {
  let stack: TestStack;
  let repositoryId: string;
  let otherRepositoryId: string;
  const conversations = (id = repositoryId, query = '') => `${stack.baseUrl}/api/repositories/${id}/conversations${query}`;
  const messages = (conversationId: string, id = repositoryId) => `${conversations(id)}/${conversationId}/messages`;
  const ask = async (question: string, conversationId?: string): Promise<ChatResponse> => {
    const response = await postJson<ChatResponse>(`${stack.baseUrl}/api/repositories/${repositoryId}/chat`, { question, conversationId });
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: createFixtureRepository(smallProject()).url });
    repositoryId = submitted.body.repositoryId;
    await (await recordFeed(stack.wsUrl, submitted.body.runId)).closed;
    // Another repository, known to the service but never talked about.
    otherRepositoryId = (await stack.deps.db.repositories.upsert({ url: 'https://example.com/acme/other.git', name: 'other', ref: null })).id;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('lists conversations most recently active first, titled by their first question, with message counts', async () => {
    expect((await getJson<ConversationList>(conversations())).body).toEqual({ conversations: [] });

    const first = await ask('Where is computeRetryDelay defined?');
    await ask('What does it depend on?', first.conversationId);
    const second = await ask(LONG_QUESTION);

    const listed = await getJson<ConversationList>(conversations());
    expect(listed.status).toBe(200);
    expect(listed.body.conversations.map(({ id, title, messageCount }) => ({ id, title, messageCount }))).toEqual([
      { id: second.conversationId, title: 'How does the retry helper decide how long to wait between attempts, and where…', messageCount: 2 },
      { id: first.conversationId, title: 'Where is computeRetryDelay defined?', messageCount: 4 },
    ]);
    for (const conversation of listed.body.conversations) {
      expect(Date.parse(conversation.updatedAt)).toBeGreaterThanOrEqual(Date.parse(conversation.createdAt));
    }

    // A follow-up in the older conversation brings it back to the top.
    await ask('Who calls it?', first.conversationId);
    const reordered = await getJson<ConversationList>(conversations());
    expect(reordered.body.conversations.map((conversation) => [conversation.id, conversation.messageCount])).toEqual([
      [first.conversationId, 6],
      [second.conversationId, 2],
    ]);
    expect((await getJson<ConversationList>(conversations(repositoryId, '?limit=1'))).body.conversations).toHaveLength(1);

    // Another repository's list holds none of them.
    expect((await getJson<ConversationList>(conversations(otherRepositoryId))).body).toEqual({ conversations: [] });
  });

  it('returns a conversation’s questions and answers in order, with the answers’ citations', async () => {
    const first = await ask('How is the retry delay computed?');
    const followUp = await ask('And where is it used?', first.conversationId);

    const reopened = await getJson<ConversationMessages>(messages(first.conversationId));
    expect(reopened.status).toBe(200);
    expect(reopened.body.conversationId).toBe(first.conversationId);
    expect(reopened.body.messages.map(({ role, text, citations }) => ({ role, text, citations }))).toEqual([
      { role: 'user', text: 'How is the retry delay computed?', citations: [] },
      { role: 'assistant', text: first.answer, citations: first.citations },
      { role: 'user', text: 'And where is it used?', citations: [] },
      { role: 'assistant', text: followUp.answer, citations: followUp.citations },
    ]);
    expect(first.citations.length).toBeGreaterThan(0);
    const times = reopened.body.messages.map((message) => Date.parse(message.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers 404 NOT_FOUND for an unknown conversation, another repository’s, or an unknown repository', async () => {
    const { conversationId } = await ask('What does this repository do?');
    const notFound = [
      messages(randomUUID()),
      messages(conversationId, otherRepositoryId),
      messages(conversationId, randomUUID()),
      conversations(randomUUID()),
    ];
    for (const url of notFound) {
      const response = await getJson<ErrorBody>(url);
      expect({ url, status: response.status, code: response.body.error.code }).toEqual({ url, status: 404, code: 'NOT_FOUND' });
    }
    const badId = await getJson<ErrorBody>(messages('not-a-uuid'));
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('VALIDATION_ERROR');
    const badLimit = await getJson<ErrorBody>(conversations(repositoryId, '?limit=0'));
    expect(badLimit.status).toBe(400);
  });

  it('documents both calls in the OpenAPI description', async () => {
    const docs = await getJson<{ paths: Record<string, unknown> }>(`${stack.baseUrl}/api/docs/json`);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/repositories/{id}/conversations', '/api/repositories/{id}/conversations/{conversationId}/messages']),
    );
  });
});
