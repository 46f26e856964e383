import { z } from 'zod';

/**
 * The maintenance queue: garbage collection of old runs' checkouts and indexes, and eviction of unused
 * embedding-cache rows. A job scheduler adds the periodic collection; the end of a run adds one for its
 * repository, so a superseded checkout goes at once.
 */
export const MAINTENANCE_QUEUE = { queue: 'repository-maintenance', concurrency: 1 } as const;

export const MAINTENANCE_JOB_NAMES = {
  /** Every repository, then the embedding cache; added by the job scheduler. */
  collectAll: 'collect-all',
  /** One repository, after one of its runs ended. */
  collectRepository: 'collect-repository',
} as const;
export type MaintenanceJobName = (typeof MAINTENANCE_JOB_NAMES)[keyof typeof MAINTENANCE_JOB_NAMES];

/** The one job scheduler of the periodic collection, whichever worker installs it. */
export const GARBAGE_COLLECTION_SCHEDULER_ID = 'garbage-collection';

export const MaintenanceJobPayloadSchema = z.object({
  /** Only this repository's runs, and no cache eviction; absent: everything. */
  repositoryId: z.uuid().optional(),
});
export type MaintenanceJobPayload = z.infer<typeof MaintenanceJobPayloadSchema>;

const count = z.number().int().nonnegative();

/** What one collection did; kept as the job's result and logged. */
export const GarbageCollectionReportSchema = z.object({
  /** `skipped`: another process was collecting at that moment (it does the same work). */
  outcome: z.enum(['collected', 'skipped']),
  checkoutsRemoved: count,
  indexesRemoved: count,
  /** Directories of runs already collected or deleted, found again in the workspace (left by a stage that was still finishing). */
  leftoversRemoved: count,
  embeddingsEvicted: count,
});
export type GarbageCollectionReport = z.infer<typeof GarbageCollectionReportSchema>;
