import { EventsQuerySchema, RunIdParamsSchema, type ErrorBody } from '@repolens/contracts';
import { openRunFeed } from '@repolens/realtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';

/** WebSocket close code for "no such run" (4000–4999 are for applications). */
const CLOSE_NOT_FOUND = 4404;
/** The standard close code for a server-side failure. */
const CLOSE_INTERNAL_ERROR = 1011;

/** The progress feed of SPEC §3: replay after `after`, then live, ending with the run's end message. */
export const runEventsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/runs/:runId/events',
    {
      websocket: true,
      schema: {
        tags: ['runs'],
        summary: 'Progress feed (WebSocket)',
        description: 'Sends every event after `after` (replay), then live events, in order; closes after the run ends.',
        params: RunIdParamsSchema,
        querystring: EventsQuerySchema,
      },
    },
    async (socket, request) => {
      const { runId } = request.params;
      deps.metrics.websocketConnections.inc({ kind: 'events' });
      socket.once('close', () => deps.metrics.websocketConnections.dec({ kind: 'events' }));

      if ((await deps.db.runs.status(runId)) === null) {
        const body: ErrorBody = { error: { code: 'NOT_FOUND', message: 'No such run.' } };
        socket.send(JSON.stringify(body));
        socket.close(CLOSE_NOT_FOUND, 'run not found');
        return;
      }

      const feed = await openRunFeed({
        runId,
        after: request.query.after,
        events: deps.db.events,
        hub: deps.hub,
        send: (message) => socket.send(JSON.stringify(message)),
        onRunEnd: () => socket.close(1000, 'run ended'),
        onError: (err) => {
          request.log.error({ err, runId }, 'progress feed failed');
          const body: ErrorBody = { error: { code: 'INTERNAL_ERROR', message: 'The progress feed failed; reconnect to resume.' } };
          socket.send(JSON.stringify(body));
          socket.close(CLOSE_INTERNAL_ERROR, 'feed failed');
        },
      });
      if (socket.readyState >= socket.CLOSING) await feed.close();
      else socket.once('close', () => void feed.close());
    },
  );
};
