import { z } from 'zod';
import { ERROR_CODE_NAMES } from './errors.js';
import { RunViewSchema } from './http.js';
import { RUN_STATUSES, StageNameSchema } from './stages.js';

/** A query value given as `a,b`, repeated (`?x=a&x=b`), or both: one flat list. */
function listParam<TItem extends z.ZodType>(item: TItem) {
  return z.preprocess(
    (value) => {
      const parts = (Array.isArray(value) ? value : [value]).flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]));
      return parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
    },
    z.array(item).min(1).max(RUN_STATUSES.length),
  );
}

export const RUN_LIST_DEFAULT_LIMIT = 20;
export const RUN_LIST_MAX_LIMIT = 100;

/**
 * `GET /api/runs`: runs, newest first, filtered. `status=failed,timed_out` is the dead-letter view; `stage`
 * keeps runs whose execution of that stage failed; `code` (alias `errorCode`) keeps runs that ended with
 * that error. `cursor` is the `nextCursor` of the previous page.
 */
export const RunListQuerySchema = z.object({
  status: listParam(z.enum(RUN_STATUSES)).optional(),
  stage: StageNameSchema.optional(),
  code: z.enum(ERROR_CODE_NAMES).optional(),
  errorCode: z.enum(ERROR_CODE_NAMES).optional(),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API handed out')
    .optional(),
  limit: z.coerce.number().int().min(1).max(RUN_LIST_MAX_LIMIT).default(RUN_LIST_DEFAULT_LIMIT),
});
export type RunListQuery = z.infer<typeof RunListQuerySchema>;

export const RunListSchema = z.object({
  /** Each run with every stage execution: attempts, duration and error. */
  runs: z.array(RunViewSchema),
  /** How many runs match the filters, over all pages. */
  total: z.number().int().nonnegative(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RunList = z.infer<typeof RunListSchema>;

export const RetryRunBodySchema = z
  .object({
    /** For a private repository whose checkout must be cloned again; the run's first token is deleted when it ends. */
    accessToken: z.string().min(1).max(4096).optional(),
  })
  .optional();
export type RetryRunBody = z.infer<typeof RetryRunBodySchema>;

const count = z.number().int().nonnegative();
const milliseconds = z.number().nonnegative().nullable();

export const QueueFiguresSchema = z.object({
  stage: StageNameSchema,
  queue: z.string(),
  waiting: count,
  active: count,
  delayed: count,
  failed: count,
  /** Worker processes consuming this queue now (BullMQ's registered workers). */
  workers: count,
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;

/** `GET /api/dashboard`: what an operator looks at first (SPEC §5). */
export const DashboardSchema = z.object({
  /** Start of the current day (UTC): "today" figures count from here. */
  since: z.string(),
  runs: z.object({
    /** Runs submitted today. */
    today: count,
    /** Runs that ended today, by how they ended. */
    succeeded: count,
    failed: count,
    timedOut: count,
    cancelled: count,
    /** Runs in progress now, whenever they started. */
    running: count,
    queued: count,
  }),
  /** Succeeded over succeeded, failed and timed out today; null before any of those. */
  successRate: z.number().min(0).max(1).nullable(),
  /** From submission to the assistant being ready, over the runs that succeeded today. */
  timeToReady: z.object({ averageMs: milliseconds, p95Ms: milliseconds, runs: count }),
  queues: z.array(QueueFiguresSchema),
  /** Worker processes consuming stage queues now (all of them, or those WORKER_STAGES dedicates them to). */
  activeWorkers: count,
  /** Failed and timed-out runs kept for inspection and retry, all time. */
  deadLetter: count,
});
export type Dashboard = z.infer<typeof DashboardSchema>;
