import { AppError, ErrorBodySchema, RetryRunBodySchema, RunIdParamsSchema, RunListQuerySchema, RunListSchema, RunViewSchema } from '@repolens/contracts';
import { InvalidCursorError } from '@repolens/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { cancelRun } from '../services/cancel-run.js';
import { retryRun } from '../services/retry-run.js';

export const runsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/runs',
    {
      schema: {
        tags: ['runs'],
        summary: 'Runs, newest first, filtered and paged; status=failed,timed_out is the dead-letter view',
        description:
          'Each run comes with every stage execution: attempts, duration and error. `stage` keeps runs whose execution of that stage failed; `code` (or `errorCode`) keeps runs that ended with that error.',
        querystring: RunListQuerySchema,
        response: { 200: RunListSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => {
      const { status, stage, code, errorCode, cursor, limit } = request.query;
      if (code !== undefined && errorCode !== undefined && code !== errorCode) {
        throw new AppError('VALIDATION_ERROR', 'Give the error code once: `code` and `errorCode` differ.');
      }
      try {
        return await deps.db.runHistory.list({ statuses: status, failedStage: stage, errorCode: code ?? errorCode }, { cursor, limit });
      } catch (error) {
        if (error instanceof InvalidCursorError) throw new AppError('VALIDATION_ERROR', error.message);
        throw error;
      }
    },
  );

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

  app.post(
    '/api/runs/:runId/retry',
    {
      schema: {
        tags: ['runs'],
        summary: 'Retry a failed or timed-out run from its failed stage',
        description:
          'Stages that completed keep their results and are not run again; the run goes back to running and its progress feed continues with the next sequence numbers. 409 RUN_NOT_RETRYABLE for a run that did not fail, that a newer run of its repository supersedes, or whose repository has another run in progress.',
        params: RunIdParamsSchema,
        body: RetryRunBodySchema,
        response: { 202: RunViewSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.status(202).send(await retryRun(deps, request.params.runId, request.body)),
  );
};
