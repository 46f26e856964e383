import { AppError, CONVERSATION_TITLE_MAX_CHARS, type ConversationList, type ConversationMessages } from '@repolens/contracts';
import type { Database } from '@repolens/db';

/** A repository's conversations for a list: each titled by its first question. */
export async function listConversations(db: Database, repositoryId: string, limit: number): Promise<ConversationList> {
  await requireRepository(db, repositoryId);
  const records = await db.conversations.listForRepository(repositoryId, limit);
  return {
    conversations: records.map((record) => ({
      id: record.id,
      title: conversationTitle(record.firstQuestion),
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      messageCount: record.messageCount,
    })),
  };
}

/** One conversation's messages in order; another repository's conversation is not found here. */
export async function conversationMessages(db: Database, repositoryId: string, conversationId: string): Promise<ConversationMessages> {
  await requireRepository(db, repositoryId);
  const messages = await db.conversations.messages(repositoryId, conversationId);
  if (messages === null) throw new AppError('NOT_FOUND', 'This repository has no such conversation.');
  return {
    conversationId,
    messages: messages.map((message) => ({
      role: message.role,
      text: message.content,
      citations: message.citations,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}

/** The question on one line, cut at a word boundary when it is long. */
export function conversationTitle(question: string, maxChars = CONVERSATION_TITLE_MAX_CHARS): string {
  const line = question.replace(/\s+/g, ' ').trim();
  if (line === '') return 'Untitled conversation';
  if (line.length <= maxChars) return line;
  const cut = line.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  // A word boundary far back would waste most of the title; cut mid-word then.
  return `${(space >= maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

async function requireRepository(db: Database, repositoryId: string): Promise<void> {
  if ((await db.repositories.get(repositoryId)) === null) throw new AppError('NOT_FOUND', 'No such repository.');
}
