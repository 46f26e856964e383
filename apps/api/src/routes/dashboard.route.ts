import { DashboardSchema } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { dashboard } from '../services/dashboard.js';

export const dashboardRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['operations'],
        summary: 'Runs today, succeeded, failed, running, queued per stage, time to ready, success rate, workers',
        response: { 200: DashboardSchema },
      },
    },
    async () => dashboard(deps),
  );
};
