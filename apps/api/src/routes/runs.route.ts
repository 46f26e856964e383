import { AppError, ErrorBodySchema, RunIdParamsSchema, RunViewSchema } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { cancelRun } from '../services/cancel-run.js';

export const runsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/runs/:runId',
    {
      schema: {
        tags: ['runs'],
        summary: 'One run with its stages',
        params: RunIdParamsSchema,
        response: { 200: RunViewSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => {
      const run = await deps.db.runs.get(request.params.runId);
      if (run === null) throw new AppError('NOT_FOUND', 'No such run.');
      return run;
    },
  );

  app.post(
    '/api/runs/:runId/cancel',
    {
      schema: {
        tags: ['runs'],
        summary: 'Cancel a queued or running run',
        params: RunIdParamsSchema,
        response: { 200: RunViewSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request) => cancelRun(deps, request.params.runId),
  );
};
