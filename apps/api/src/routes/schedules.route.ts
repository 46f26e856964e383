import { ErrorBodySchema, IdParamsSchema, ScheduleBodySchema, ScheduleListSchema, ScheduleViewSchema } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoutesOptions } from '../app-deps.js';
import { listSchedules, pauseSchedule, removeSchedule, resumeSchedule, setSchedule } from '../services/schedules.js';

const SCHEDULES_PATH = '/api/repositories/:id/schedules';

export const schedulesRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  app.get(
    '/api/schedules',
    {
      schema: {
        tags: ['schedules'],
        summary: 'Every re-sync schedule, with when it fires next',
        response: { 200: ScheduleListSchema, 503: ErrorBodySchema },
      },
    },
    async () => ({ schedules: await listSchedules(deps) }),
  );

  app.get(
    SCHEDULES_PATH,
    {
      schema: {
        tags: ['schedules'],
        summary: "A repository's re-sync schedules (one at most)",
        params: IdParamsSchema,
        response: { 200: ScheduleListSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => ({ schedules: await listSchedules(deps, request.params.id) }),
  );

  // SPEC §7 names POST; PUT says the same thing (set the one schedule) for clients that expect it.
  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: SCHEDULES_PATH,
      schema: {
        tags: ['schedules'],
        summary: "Set the repository's cron re-sync schedule",
        description:
          'A cron expression (five fields, or six with seconds first) and an optional IANA time zone. Each time it fires, ' +
          'the repository is re-analysed if its branch moved since the latest analysis. Replaces (and resumes) an existing schedule.',
        params: IdParamsSchema,
        body: ScheduleBodySchema,
        response: { 200: ScheduleViewSchema, 201: ScheduleViewSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
      handler: async (request, reply) => {
        const { view, created } = await setSchedule(deps, request.params.id, request.body);
        return reply.status(created ? 201 : 200).send(view);
      },
    });
  }

  for (const [action, change] of [
    ['pause', pauseSchedule],
    ['resume', resumeSchedule],
  ] as const) {
    app.post(
      `${SCHEDULES_PATH}/${action}`,
      {
        schema: {
          tags: ['schedules'],
          summary: action === 'pause' ? 'Pause the schedule (kept, not fired)' : 'Resume a paused schedule',
          params: IdParamsSchema,
          response: { 200: ScheduleViewSchema, 404: ErrorBodySchema },
        },
      },
      async (request) => change(deps, request.params.id),
    );
  }

  app.delete(
    SCHEDULES_PATH,
    {
      schema: {
        tags: ['schedules'],
        summary: "Remove the repository's schedule",
        params: IdParamsSchema,
        response: { 204: z.null(), 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await removeSchedule(deps, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
