import { AppError, type ScheduleBody, type ScheduleView } from '@repolens/contracts';
import type { ScheduleRecord } from '@repolens/db';
import { checkCronSchedule } from '@repolens/queues';
import type { AppDeps } from '../app-deps.js';

/**
 * Cron re-sync schedules. The Postgres row is the schedule; the BullMQ job scheduler that fires it exists
 * only while it is not paused. Rows are written first, so a failure between the two leaves a schedule the
 * worker re-creates at its next start, never a scheduler without a row (which would be ignored anyway).
 */
export async function setSchedule(deps: AppDeps, repositoryId: string, body: ScheduleBody): Promise<{ view: ScheduleView; created: boolean }> {
  await requireRepository(deps, repositoryId);
  const timezone = body.timezone ?? null;
  checkCronSchedule(body.cron, timezone, { minIntervalSeconds: deps.config.resync.minScheduleIntervalSeconds });
  const created = (await deps.db.schedules.get(repositoryId)) === null;
  const record = await deps.db.schedules.upsert({ repositoryId, cron: body.cron, timezone });
  await withQueue(() => deps.resync.upsertSchedule({ repositoryId, cron: record.cron, timezone: record.timezone }));
  return { view: await toView(deps, record), created };
}

export async function listSchedules(deps: AppDeps, repositoryId?: string): Promise<ScheduleView[]> {
  if (repositoryId !== undefined) {
    await requireRepository(deps, repositoryId);
    const record = await deps.db.schedules.get(repositoryId);
    return record === null ? [] : [await toView(deps, record)];
  }
  const [records, nextRuns] = await Promise.all([deps.db.schedules.list(), withQueue(() => deps.resync.nextRuns())]);
  return records.map((record) => view(record, record.paused ? null : (nextRuns.get(record.repositoryId) ?? null)));
}

export async function pauseSchedule(deps: AppDeps, repositoryId: string): Promise<ScheduleView> {
  const record = await deps.db.schedules.setPaused(repositoryId, true);
  if (record === null) throw noSchedule();
  await withQueue(() => deps.resync.removeSchedule(repositoryId));
  return view(record, null);
}

export async function resumeSchedule(deps: AppDeps, repositoryId: string): Promise<ScheduleView> {
  const record = await deps.db.schedules.setPaused(repositoryId, false);
  if (record === null) throw noSchedule();
  await withQueue(() => deps.resync.upsertSchedule({ repositoryId, cron: record.cron, timezone: record.timezone }));
  return toView(deps, record);
}

export async function removeSchedule(deps: AppDeps, repositoryId: string): Promise<void> {
  if (!(await deps.db.schedules.remove(repositoryId))) throw noSchedule();
  await withQueue(() => deps.resync.removeSchedule(repositoryId));
}

async function requireRepository(deps: AppDeps, repositoryId: string): Promise<void> {
  if ((await deps.db.repositories.get(repositoryId)) === null) throw new AppError('NOT_FOUND', 'No such repository.');
}

function noSchedule(): AppError {
  return new AppError('NOT_FOUND', 'The repository has no schedule.');
}

async function toView(deps: AppDeps, record: ScheduleRecord): Promise<ScheduleView> {
  return view(record, record.paused ? null : await withQueue(() => deps.resync.nextRun(record.repositoryId)));
}

function view(record: ScheduleRecord, nextRunAt: Date | null): ScheduleView {
  return {
    repositoryId: record.repositoryId,
    repositoryUrl: record.repositoryUrl,
    repositoryName: record.repositoryName,
    cron: record.cron,
    timezone: record.timezone,
    paused: record.paused,
    nextRunAt: nextRunAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** Redis unreachable is the caller's 503, not a 500. */
async function withQueue<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    throw new AppError('SERVICE_UNAVAILABLE', 'The scheduler queue is unavailable; try again.', { cause });
  }
}
