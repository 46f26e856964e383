import { AppError, ErrorBodySchema, IdParamsSchema, RepositoryCredentialsBodySchema, RepositoryCredentialsViewSchema } from '@repolens/contracts';
import type { RepositoryRecord } from '@repolens/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps, RoutesOptions } from '../app-deps.js';
import { rememberCheckedToken, repositoryCredentialsView } from '../services/repository-token.js';

async function repositoryOf(deps: AppDeps, id: string): Promise<RepositoryRecord> {
  const repository = await deps.db.repositories.get(id);
  if (repository === null) throw new AppError('NOT_FOUND', 'No such repository.');
  return repository;
}

/**
 * The access token a repository keeps for its re-syncs (webhook, schedule and re-analysis runs that bring
 * none): set, inspect, delete. The token is never returned; responses only say whether one is kept.
 */
export const credentialsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  const response = { 200: RepositoryCredentialsViewSchema, 404: ErrorBodySchema };

  app.get(
    '/api/repositories/:id/credentials',
    {
      schema: {
        tags: ['repositories'],
        summary: 'Whether the repository keeps an access token for re-syncs',
        params: IdParamsSchema,
        response,
      },
    },
    async (request) => {
      await repositoryOf(deps, request.params.id);
      return repositoryCredentialsView(deps, request.params.id);
    },
  );

  app.put(
    '/api/repositories/:id/credentials',
    {
      schema: {
        tags: ['repositories'],
        summary: 'Keep an access token for re-syncs',
        description:
          'Checked against the host first (401 REPOSITORY_AUTH_REQUIRED when refused), then stored encrypted, replacing any kept before. ' +
          'Webhook, scheduled and re-analysis runs without a token of their own clone with it. Never returned or logged.',
        params: IdParamsSchema,
        body: RepositoryCredentialsBodySchema,
        response: { ...response, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (request) => {
      const repository = await repositoryOf(deps, request.params.id);
      const view = await rememberCheckedToken(deps, repository, request.body.accessToken);
      request.log.info({ repositoryId: repository.id }, 'access token kept for re-syncs');
      return view;
    },
  );

  app.delete(
    '/api/repositories/:id/credentials',
    {
      schema: {
        tags: ['repositories'],
        summary: 'Delete the kept access token',
        description: 'Later re-syncs of a private repository then fail with REPOSITORY_AUTH_REQUIRED until a token is given again.',
        params: IdParamsSchema,
        response,
      },
    },
    async (request) => {
      await repositoryOf(deps, request.params.id);
      if (await deps.repositoryTokens.forget(request.params.id)) request.log.info({ repositoryId: request.params.id }, 'kept access token deleted');
      return repositoryCredentialsView(deps, request.params.id);
    },
  );
};
