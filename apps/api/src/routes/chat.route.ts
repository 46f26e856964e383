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

export const chatRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.post(
    '/api/repositories/:id/chat',
    {
      schema: {
        tags: ['search'],
        summary: 'Ask a question; one JSON answer with citations',
        params: IdParamsSchema,
        body: ChatBodySchema,
        response: { 200: ChatResponseSchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 502: ErrorBodySchema, 503: ErrorBodySchema, 504: ErrorBodySchema },
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
      // A closed socket stops the language model writing an answer nobody will read.
      const closed = new AbortController();
      socket.once('close', () => {
        deps.metrics.websocketConnections.dec({ kind: 'chat' });
        closed.abort();
      });
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
              onToken: (text) => send({ type: CHAT_SERVER_MESSAGE_TYPES.token, text }),
              signal: closed.signal,
            });
            send({ type: CHAT_SERVER_MESSAGE_TYPES.answer, ...response });
          } catch (caught) {
            if (closed.signal.aborted) return;
            const error = toAppError(caught);
            if (error.status >= 500) request.log.error({ err: caught }, 'chat failed');
            send({ type: CHAT_SERVER_MESSAGE_TYPES.error, error: { code: error.code, message: error.message } });
          }
        })();
      });
    },
  );
};
