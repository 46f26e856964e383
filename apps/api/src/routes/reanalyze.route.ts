import { CreateRepositoryResponseSchema, ErrorBodySchema, IdParamsSchema, ReanalyzeBodySchema } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { reanalyzeRepository } from '../services/reanalyze-repository.js';

export const reanalyzeRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.post(
    '/api/repositories/:id/reanalyze',
    {
      schema: {
        tags: ['repositories'],
        summary: 'Analyse the repository again',
        description:
          'A new run at the commit the repository\'s ref (or the given ref) points to now, reusing what did not change. ' +
          '202 with the new run; 200 with `existing: true` and the run in progress when there is one.',
        params: IdParamsSchema,
        body: ReanalyzeBodySchema,
        response: { 200: CreateRepositoryResponseSchema, 202: CreateRepositoryResponseSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const result = await reanalyzeRepository(deps, request.params.id, request.body, request.log);
      return reply.status(result.existing ? 200 : 202).send(result);
    },
  );
};
