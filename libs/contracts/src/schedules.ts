import { z } from 'zod';

export const ScheduleBodySchema = z.object({
  /** Five fields (minute precision) or six (seconds first), as BullMQ's cron parser reads them. */
  cron: z.string().trim().min(1).max(120),
  /** An IANA time zone (`Europe/Paris`); UTC when absent. */
  timezone: z.string().trim().min(1).max(64).optional(),
});
export type ScheduleBody = z.infer<typeof ScheduleBodySchema>;

export const ScheduleViewSchema = z.object({
  repositoryId: z.uuid(),
  repositoryUrl: z.string(),
  repositoryName: z.string(),
  cron: z.string(),
  timezone: z.string().nullable(),
  paused: z.boolean(),
  /** When the scheduler fires next; null while paused. */
  nextRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScheduleView = z.infer<typeof ScheduleViewSchema>;

export const ScheduleListSchema = z.object({ schedules: z.array(ScheduleViewSchema) });
export type ScheduleList = z.infer<typeof ScheduleListSchema>;
