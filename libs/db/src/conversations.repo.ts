import { randomUUID } from 'node:crypto';
import type { Citation } from '@repolens/contracts';
import type { Pool } from 'pg';

export interface ConversationMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly citations: Citation[];
}

/** A conversation with messages, as a list shows it. */
export interface ConversationRecord {
  readonly id: string;
  /** The start of the first question (at most FIRST_QUESTION_CHARS characters); '' when there is none. */
  readonly firstQuestion: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly messageCount: number;
}

export interface StoredMessage extends ConversationMessage {
  readonly createdAt: Date;
}

/** Enough of a question to make a title of; a question can be 20,000 characters. */
const FIRST_QUESTION_CHARS = 400;

export class ConversationsRepo {
  constructor(private readonly pool: Pool) {}

  /** Returns the conversation id to use: the given one when it belongs to the repository, else a new one. */
  async open(repositoryId: string, conversationId: string | undefined): Promise<string> {
    if (conversationId !== undefined) {
      const { rowCount } = await this.pool.query('SELECT 1 FROM conversations WHERE id = $1 AND repository_id = $2', [
        conversationId,
        repositoryId,
      ]);
      if (rowCount === 1) return conversationId;
    }
    const id = randomUUID();
    await this.pool.query('INSERT INTO conversations (id, repository_id) VALUES ($1, $2)', [id, repositoryId]);
    return id;
  }

  async append(conversationId: string, message: ConversationMessage): Promise<void> {
    await this.pool.query('INSERT INTO messages (conversation_id, role, content, citations) VALUES ($1, $2, $3, $4)', [
      conversationId,
      message.role,
      message.content,
      JSON.stringify(message.citations),
    ]);
  }

  async history(conversationId: string, limit = 20): Promise<ConversationMessage[]> {
    const { rows } = await this.pool.query<ConversationMessage>(
      `SELECT role, content, citations FROM (
         SELECT id, role, content, citations FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2
       ) recent ORDER BY id`,
      [conversationId, limit],
    );
    return rows;
  }

  /** The repository's conversations that have messages, most recently active first. */
  async listForRepository(repositoryId: string, limit: number): Promise<ConversationRecord[]> {
    const { rows } = await this.pool.query<{ id: string; first_question: string | null; created_at: Date; updated_at: Date; message_count: number }>(
      `SELECT c.id, c.created_at, max(m.created_at) AS updated_at, count(*)::int AS message_count,
         (SELECT left(q.content, $3) FROM messages q WHERE q.conversation_id = c.id AND q.role = 'user' ORDER BY q.id LIMIT 1) AS first_question
       FROM conversations c JOIN messages m ON m.conversation_id = c.id
       WHERE c.repository_id = $1
       GROUP BY c.id
       ORDER BY updated_at DESC, c.created_at DESC, c.id
       LIMIT $2`,
      [repositoryId, limit, FIRST_QUESTION_CHARS],
    );
    return rows.map((row) => ({
      id: row.id,
      firstQuestion: row.first_question ?? '',
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      messageCount: row.message_count,
    }));
  }

  /** Every message of a conversation in order; null when the repository has no such conversation. */
  async messages(repositoryId: string, conversationId: string): Promise<StoredMessage[] | null> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM conversations WHERE id = $1 AND repository_id = $2', [conversationId, repositoryId]);
    if (rowCount !== 1) return null;
    const { rows } = await this.pool.query<{ role: StoredMessage['role']; content: string; citations: StoredMessage['citations']; created_at: Date }>(
      'SELECT role, content, citations, created_at FROM messages WHERE conversation_id = $1 ORDER BY id',
      [conversationId],
    );
    return rows.map((row) => ({ role: row.role, content: row.content, citations: row.citations, createdAt: row.created_at }));
  }
}
