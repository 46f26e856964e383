import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'RepoLens API',
        description: 'Analyse a Git repository, follow the analysis live, search it and ask questions about it.',
        version: '0.1.0',
      },
      tags: [
        { name: 'repositories', description: 'Submit and inspect analysed repositories' },
        { name: 'runs', description: 'Analysis runs and their progress feed' },
        { name: 'search', description: 'Hybrid search and chat' },
        { name: 'schedules', description: 'Cron re-sync schedules of repositories' },
        { name: 'webhooks', description: 'Push webhooks from GitHub and GitLab' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
