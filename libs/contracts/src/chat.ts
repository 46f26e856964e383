import { z } from 'zod';
import { CitationSchema } from './search.js';
import { EventErrorSchema } from './events.js';

/** Streamed chat over WebSocket (SPEC §7). */
export const CHAT_CLIENT_MESSAGE_TYPES = { question: 'question' } as const;
export const CHAT_SERVER_MESSAGE_TYPES = { token: 'token', answer: 'answer', error: 'error' } as const;

export const ChatClientMessageSchema = z.object({
  type: z.literal(CHAT_CLIENT_MESSAGE_TYPES.question),
  text: z.string().trim().min(1).max(20_000),
  conversationId: z.uuid().optional(),
});
export type ChatClientMessage = z.infer<typeof ChatClientMessageSchema>;

export const ChatServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(CHAT_SERVER_MESSAGE_TYPES.token), text: z.string() }),
  z.object({
    type: z.literal(CHAT_SERVER_MESSAGE_TYPES.answer),
    conversationId: z.uuid(),
    answer: z.string(),
    citations: z.array(CitationSchema),
    languageModel: z.string().nullable(),
  }),
  z.object({ type: z.literal(CHAT_SERVER_MESSAGE_TYPES.error), error: EventErrorSchema }),
]);
export type ChatServerMessage = z.infer<typeof ChatServerMessageSchema>;
