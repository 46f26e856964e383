import { randomUUID } from 'node:crypto';
import type { Citation } from '@repolens/contracts';
import type { Pool } from 'pg';

export interface ConversationMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly citations: Citation[];
}

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
}
