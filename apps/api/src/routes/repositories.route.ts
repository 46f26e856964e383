import {
  AppError,
  CreateRepositoryBodySchema,
  CreateRepositoryResponseSchema,
  ErrorBodySchema,
  IdParamsSchema,
  RepositoryDetailSchema,
  RepositoryListSchema,
} from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoutesOptions } from '../app-deps.js';
import { repositoryDetail, repositorySummary } from '../services/repository-view.js';
import { submitRepository } from '../services/submit-repository.js';

const LIST_LIMIT = 100;

export const repositoriesRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.post(
    '/api/repositories',
    {
      schema: {
        tags: ['repositories'],
        summary: 'Analyse a repository',
        description: 'Starts an analysis of a Git repository, or returns the existing one for the same URL and commit.',
        body: CreateRepositoryBodySchema,
        response: { 200: CreateRepositoryResponseSchema, 202: CreateRepositoryResponseSchema, 400: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const created = await submitRepository(deps, request.body, request.log);
      return reply.status(created.existing ? 200 : 202).send(created);
    },
  );

  app.get(
    '/api/repositories',
    {
      schema: {
        tags: ['repositories'],
        summary: 'List analysed repositories, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(LIST_LIMIT).default(50) }),
        response: { 200: RepositoryListSchema },
      },
    },
    async (request) => {
      const records = await deps.db.repositories.list(request.query.limit);
      return { repositories: await Promise.all(records.map((record) => repositorySummary(deps.db, record))) };
    },
  );

  app.get(
    '/api/repositories/:id',
    {
      schema: {
        tags: ['repositories'],
        summary: 'One repository with its latest run and analysis summary',
        params: IdParamsSchema,
        response: { 200: RepositoryDetailSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => {
      const record = await deps.db.repositories.get(request.params.id);
      if (record === null) throw new AppError('NOT_FOUND', 'No such repository.');
      return repositoryDetail(deps.db, record);
    },
  );
};
