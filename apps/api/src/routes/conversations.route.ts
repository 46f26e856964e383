import {
  ConversationListQuerySchema,
  ConversationListSchema,
  ConversationMessagesSchema,
  ConversationParamsSchema,
  ErrorBodySchema,
  IdParamsSchema,
} from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { conversationMessages, listConversations } from '../services/conversation-history.js';

/** The stored chat history of a repository: its conversations, and one conversation's messages. */
export const conversationsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/repositories/:id/conversations',
    {
      schema: {
        tags: ['search'],
        summary: "The repository's conversations, most recently active first",
        description: 'Each is titled by its first question. Conversations with no stored message are left out.',
        params: IdParamsSchema,
        querystring: ConversationListQuerySchema,
        response: { 200: ConversationListSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => listConversations(deps.db, request.params.id, request.query.limit),
  );

  app.get(
    '/api/repositories/:id/conversations/:conversationId/messages',
    {
      schema: {
        tags: ['search'],
        summary: "One conversation's questions and answers, in order, with the answers' citations",
        params: ConversationParamsSchema,
        response: { 200: ConversationMessagesSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => conversationMessages(deps.db, request.params.id, request.params.conversationId),
  );
};
