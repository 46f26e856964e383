import { DelayedError, Worker, type Job } from 'bullmq';
import {
  RESYNC_JOB_NAMES,
  RESYNC_OUTCOMES,
  RESYNC_QUEUE,
  ResyncJobPayloadSchema,
  type ResyncOutcome,
  type ResyncResult,
  type RunTrigger,
} from '@repolens/contracts';
import type { RepositoryRecord } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import { parseRepositoryUrl, repositoryUrlOptions, resolveRemoteCommit } from '@repolens/pipeline';
import { launchRun, type ResyncQueue } from '@repolens/queues';
import type { WorkerDeps } from './worker-deps.js';

const REMOTE_LOOKUP_TIMEOUT_MS = 10_000;

export interface ResyncWorker {
  close(): Promise<void>;
}

/**
 * Works the re-sync queue: each cron tick of a schedule, and each push deferred behind a run in progress,
 * becomes a new run of the repository's branch, unless the branch has not moved since the latest analysis.
 */
export async function startResyncWorker(deps: WorkerDeps, resync: ResyncQueue): Promise<ResyncWorker> {
  const worker = new Worker(RESYNC_QUEUE.queue, (job: Job, token?: string) => processResync(deps, resync, job, token), {
    connection: deps.redis,
    prefix: deps.config.redis.prefix,
    concurrency: RESYNC_QUEUE.concurrency,
  });
  worker.on('error', (err) => deps.log.error({ err, queue: RESYNC_QUEUE.queue }, 'worker error'));
  worker.on('failed', (job, err) => deps.log.warn({ err, jobId: job?.id }, 're-sync job failed'));
  await worker.waitUntilReady();
  await reconcileSchedules(deps, resync).catch((err: unknown) => deps.log.warn({ err }, 'could not reconcile the schedules with their job schedulers'));
  return { close: () => worker.close() };
}

async function processResync(deps: WorkerDeps, resync: ResyncQueue, job: Job, token: string | undefined): Promise<ResyncResult> {
  const { repositoryId } = ResyncJobPayloadSchema.parse(job.data);
  const scheduled = job.name === RESYNC_JOB_NAMES.scheduled;
  const trigger: RunTrigger = scheduled ? 'schedule' : 'webhook';
  const log = deps.log.child({ repositoryId, trigger, jobId: job.id });
  const done = (outcome: ResyncOutcome, runId: string | null = null): ResyncResult => {
    log.info({ outcome, runId }, 're-sync handled');
    return { outcome, runId };
  };

  const repository = await deps.db.repositories.get(repositoryId);
  if (repository === null) {
    if (scheduled) await resync.removeSchedule(repositoryId);
    return done(RESYNC_OUTCOMES.gone);
  }
  if (scheduled) {
    // The row is the truth: a tick planned before a pause or removal does nothing, and stops its scheduler.
    const schedule = await deps.db.schedules.get(repositoryId);
    if (schedule === null || schedule.paused) {
      await resync.removeSchedule(repositoryId);
      return done(RESYNC_OUTCOMES.unscheduled);
    }
  }

  const active = await deps.db.runs.findActive(repositoryId);
  if (active !== null) return busy(deps, job, token, scheduled, () => done(RESYNC_OUTCOMES.busy, active.id));

  const head = await remoteHead(deps, repository, log);
  const latest = await deps.db.runs.findLatestCompleted(repositoryId);
  if (head !== null && latest?.commitSha === head) return done(RESYNC_OUTCOMES.unchanged, latest.id);

  const launched = await launchRun(deps, { repositoryId, ref: repository.ref, trigger });
  if (launched.kind === 'active') return busy(deps, job, token, scheduled, () => done(RESYNC_OUTCOMES.busy, launched.run.id));
  return done(RESYNC_OUTCOMES.started, launched.runId);
}

/**
 * A run is in progress. A schedule tick is skipped (the next one comes soon enough); a deferred push
 * waits for that run to end, since the commit it brought may be newer than what the run analyses.
 */
async function busy(deps: WorkerDeps, job: Job, token: string | undefined, scheduled: boolean, skip: () => ResyncResult): Promise<ResyncResult> {
  if (scheduled) return skip();
  await job.moveToDelayed(Date.now() + deps.config.resync.deferMs, token);
  throw new DelayedError();
}

/**
 * The commit the repository's ref points to now, asked with the token the repository keeps (if any); null
 * when the remote cannot say (the run will then report why).
 */
async function remoteHead(deps: WorkerDeps, repository: RepositoryRecord, log: Logger): Promise<string | null> {
  try {
    const url = parseRepositoryUrl(repository.url, repositoryUrlOptions(deps.settings));
    const token = await deps.repositoryTokens.get(repository.id);
    return await resolveRemoteCommit(url, repository.ref, token, AbortSignal.timeout(REMOTE_LOOKUP_TIMEOUT_MS), { network: deps.settings.network });
  } catch (err) {
    log.info({ err }, 'could not look up the remote commit; analysing again');
    return null;
  }
}

/**
 * Makes the job schedulers match the schedule rows: after Redis lost its data, or a change that reached
 * Postgres but not Redis. Runs at worker start; schedulers without a row are removed.
 */
async function reconcileSchedules(deps: WorkerDeps, resync: ResyncQueue): Promise<void> {
  const [rows, existing] = await Promise.all([deps.db.schedules.list(), resync.nextRuns()]);
  const wanted = new Set(rows.filter((row) => !row.paused).map((row) => row.repositoryId));
  for (const row of rows) {
    if (!row.paused && !existing.has(row.repositoryId)) await resync.upsertSchedule({ repositoryId: row.repositoryId, cron: row.cron, timezone: row.timezone });
  }
  for (const repositoryId of existing.keys()) {
    if (!wanted.has(repositoryId)) await resync.removeSchedule(repositoryId);
  }
}

