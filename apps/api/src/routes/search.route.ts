import { ErrorBodySchema, IdParamsSchema, SearchBodySchema, SearchQuerySchema, SearchResponseSchema } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { readyAnalysis } from '../services/ready-analysis.js';

export const searchRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/repositories/:id/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Hybrid search (short queries)',
        params: IdParamsSchema,
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request) => {
      const analysis = await readyAnalysis(deps.db, request.params.id);
      return deps.retrieval.search({ indexPath: analysis.indexPath, query: request.query.q, k: request.query.k, groupBy: 'chunk' });
    },
  );

  app.post(
    '/api/repositories/:id/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Hybrid search (long queries such as a bug report; chunks or files)',
        params: IdParamsSchema,
        body: SearchBodySchema,
        response: { 200: SearchResponseSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request) => {
      const analysis = await readyAnalysis(deps.db, request.params.id);
      const { query, k, groupBy } = request.body;
      return deps.retrieval.search({ indexPath: analysis.indexPath, query, k, groupBy });
    },
  );
};
