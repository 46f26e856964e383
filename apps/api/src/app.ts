import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerWeb } from './plugins/web.js';
import { chatRoutes } from './routes/chat.route.js';
import { credentialsRoutes } from './routes/credentials.route.js';
import { conversationsRoutes } from './routes/conversations.route.js';
import { explorerRoutes } from './routes/explorer.route.js';
import { dashboardRoutes } from './routes/dashboard.route.js';
import { operationsRoutes } from './routes/operations.route.js';
import { reanalyzeRoutes } from './routes/reanalyze.route.js';
import { repositoriesRoutes } from './routes/repositories.route.js';
import { runEventsRoutes } from './routes/run-events.route.js';
import { runsRoutes } from './routes/runs.route.js';
import { schedulesRoutes } from './routes/schedules.route.js';
import { searchRoutes } from './routes/search.route.js';
import { webhooksRoutes } from './routes/webhooks.route.js';

/** Upper bound on request bodies: a pasted bug report fits, a flood does not. */
const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The whole HTTP and WebSocket edge as one Fastify app; server.ts boots it, tests build it directly.
 * Order: external plugins, then the error mapping and docs, then routes, then the web page.
 */
export async function buildApp(deps: AppDeps, options: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = {}): Promise<FastifyInstance> {
  const app = Fastify({ ...options, bodyLimit: BODY_LIMIT_BYTES });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(websocket, { options: { maxPayload: BODY_LIMIT_BYTES } });
  registerErrorHandler(app);
  await registerOpenApi(app);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const routePlugins = [
    operationsRoutes,
    dashboardRoutes,
    repositoriesRoutes,
    reanalyzeRoutes,
    credentialsRoutes,
    schedulesRoutes,
    webhooksRoutes,
    runsRoutes,
    runEventsRoutes,
    searchRoutes,
    chatRoutes,
    conversationsRoutes,
    explorerRoutes,
  ];
  for (const routes of routePlugins) {
    await app.register(routes, { deps });
  }
  await registerWeb(app, deps.config.http.webDistDir);
  return app;
}
