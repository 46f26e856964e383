import {
  CHAT_SERVER_MESSAGE_TYPES,
  ChatBodySchema,
  ChatClientMessageSchema,
  ChatResponseSchema,
  ErrorBodySchema,
  IdParamsSchema,
  toAppError,
  type ChatServerMessage,
} from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { answerQuestion } from '../services/answer-question.js';

/** Splits an answer into word-sized pieces for streaming, keeping whitespace so the pieces join back exactly. */
function answerTokens(answer: string): string[] {
  return answer.match(/\s*\S+\s*/g) ?? [answer];
}

export const chatRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.post(
    '/api/repositories/:id/chat',
    {
      schema: {
        tags: ['search'],
        summary: 'Ask a question; one JSON answer with citations',
        params: IdParamsSchema,
        body: ChatBodySchema,
        response: { 200: ChatResponseSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request) =>
      answerQuestion(deps, {
        repositoryId: request.params.id,
        question: request.body.question,
        conversationId: request.body.conversationId,
      }),
  );

  app.get(
    '/api/repositories/:id/chat',
    {
      websocket: true,
      schema: { tags: ['search'], summary: 'Streamed chat (WebSocket)', params: IdParamsSchema },
    },
    (socket, request) => {
      deps.metrics.websocketConnections.inc({ kind: 'chat' });
      socket.once('close', () => deps.metrics.websocketConnections.dec({ kind: 'chat' }));
      const send = (message: ChatServerMessage) => socket.send(JSON.stringify(message));

      socket.on('message', (raw: Buffer) => {
        void (async () => {
          let parsedJson: unknown;
          try {
            parsedJson = JSON.parse(raw.toString());
          } catch {
            parsedJson = null;
          }
          const parsed = ChatClientMessageSchema.safeParse(parsedJson);
          if (!parsed.success) {
            send({ type: CHAT_SERVER_MESSAGE_TYPES.error, error: { code: 'VALIDATION_ERROR', message: 'Expected {type: "question", text}.' } });
            return;
          }
          try {
            const response = await answerQuestion(deps, {
              repositoryId: request.params.id,
              question: parsed.data.text,
              conversationId: parsed.data.conversationId,
            });
            for (const text of answerTokens(response.answer)) send({ type: CHAT_SERVER_MESSAGE_TYPES.token, text });
            send({ type: CHAT_SERVER_MESSAGE_TYPES.answer, ...response });
          } catch (caught) {
            const error = toAppError(caught);
            if (error.status >= 500) request.log.error({ err: caught }, 'chat failed');
            send({ type: CHAT_SERVER_MESSAGE_TYPES.error, error: { code: error.code, message: error.message } });
          }
        })();
      });
    },
  );
};
