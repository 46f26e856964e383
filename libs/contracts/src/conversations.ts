import { z } from 'zod';
import { CitationSchema } from './search.js';

/** A repository's stored conversations (SPEC §4 "conversation history kept"), for a client to list and reopen. */

/** A conversation's title is its first question, cut to this many characters. */
export const CONVERSATION_TITLE_MAX_CHARS = 80;

export const CONVERSATION_ROLES = ['user', 'assistant'] as const;
export const ConversationRoleSchema = z.enum(CONVERSATION_ROLES);
export type ConversationRole = z.infer<typeof ConversationRoleSchema>;

export const ConversationSummarySchema = z.object({
  id: z.uuid(),
  /** The first question, shortened to CONVERSATION_TITLE_MAX_CHARS. */
  title: z.string(),
  createdAt: z.string(),
  /** When its last message was stored. */
  updatedAt: z.string(),
  messageCount: z.number().int().nonnegative(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

export const ConversationListSchema = z.object({
  /** Most recently active first; conversations with no stored message are left out. */
  conversations: z.array(ConversationSummarySchema),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;

export const ConversationParamsSchema = z.object({ id: z.uuid(), conversationId: z.uuid() });

export const ConversationMessageViewSchema = z.object({
  role: ConversationRoleSchema,
  text: z.string(),
  /** The passages an answer cites; empty for a question. */
  citations: z.array(CitationSchema),
  createdAt: z.string(),
});
export type ConversationMessageView = z.infer<typeof ConversationMessageViewSchema>;

export const ConversationMessagesSchema = z.object({
  conversationId: z.uuid(),
  /** In the order they were stored: each question, then its answer. */
  messages: z.array(ConversationMessageViewSchema),
});
export type ConversationMessages = z.infer<typeof ConversationMessagesSchema>;
