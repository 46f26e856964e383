import type { RetentionConfig } from '@repolens/config';
import type { GarbageCollectionReport } from '@repolens/contracts';
import type { ArtefactRemoval, Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import { selectRemovals } from './retention-policy.js';
import { ARTEFACT_KINDS, RunArtefactFiles, type ArtefactKind } from './run-artefact-files.js';

export interface GarbageCollectorDeps {
  readonly db: Database;
  readonly dataDir: string;
  readonly retention: RetentionConfig;
  readonly log: Logger;
}

/** What one collection covers: one repository's runs, or every repository's runs and the embedding cache. */
export interface CollectionScope {
  readonly repositoryId?: string;
}

export interface GarbageCollector {
  collect(scope?: CollectionScope): Promise<GarbageCollectionReport>;
}

// Any fixed number: the full collections of every worker process take turns (pg_try_advisory_lock).
const FULL_COLLECTION_LOCK_KEY = 0x726c6763;
const MARKS_PER_STATEMENT = 500;
const LOOKUPS_PER_STATEMENT = 1_000;
/**
 * A directory of a run unknown to the database is left this long after it last changed: a tool such as
 * the benchmark may be using a run id of its own in the same data directory.
 */
const UNKNOWN_RUN_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes what retention no longer keeps. Each removal is recorded in Postgres before the files go, and only
 * the process whose mark took effect deletes them, so two workers collecting at once neither double-delete
 * nor race (and deleting is idempotent anyway). A full collection also sweeps leftover directories and
 * evicts unused cached vectors, under an advisory lock so that only one process does that at a time.
 */
export function createGarbageCollector(deps: GarbageCollectorDeps): GarbageCollector {
  const files = new RunArtefactFiles(deps.dataDir);

  const removeFiles = async (removals: readonly ArtefactRemoval[], report: Counts): Promise<void> => {
    for (const removal of removals) {
      for (const kind of ARTEFACT_KINDS) {
        if (!(kind === 'checkout' ? removal.checkout : removal.index)) continue;
        try {
          if (await files.remove(kind, removal.runId)) report[kind === 'checkout' ? 'checkoutsRemoved' : 'indexesRemoved'] += 1;
        } catch (err) {
          // The run stays marked: the next full collection's sweep removes what is left.
          deps.log.warn({ err, runId: removal.runId, repositoryId: removal.repositoryId, artefact: kind }, 'could not remove a run artefact');
        }
      }
    }
  };

  const collectRuns = async (scope: CollectionScope, report: Counts): Promise<void> => {
    const facts = await deps.db.runArtefacts.facts(scope.repositoryId);
    const wanted = selectRemovals(facts, deps.retention, new Date());
    for (let start = 0; start < wanted.length; start += MARKS_PER_STATEMENT) {
      const marked = await deps.db.runArtefacts.markRemoved(wanted.slice(start, start + MARKS_PER_STATEMENT));
      await removeFiles(marked, report);
    }
  };

  const sweepLeftovers = async (report: Counts): Promise<void> => {
    for (const kind of ARTEFACT_KINDS) {
      const entries = await files.onDisk(kind);
      for (let start = 0; start < entries.length; start += LOOKUPS_PER_STATEMENT) {
        const batch = entries.slice(start, start + LOOKUPS_PER_STATEMENT);
        const leftovers = await deps.db.runArtefacts.leftovers(batch.map((entry) => entry.runId));
        for (const entry of batch) {
          if (!(kind === 'checkout' ? leftovers.checkouts : leftovers.indexes).has(entry.runId)) continue;
          if (await isUnknownAndRecent(deps.db, entry)) continue;
          if (await removeQuietly(kind, entry.runId)) report.leftoversRemoved += 1;
        }
      }
    }
  };

  const removeQuietly = async (kind: ArtefactKind, runId: string): Promise<boolean> => {
    try {
      return await files.remove(kind, runId);
    } catch (err) {
      deps.log.warn({ err, runId, artefact: kind }, 'could not remove a leftover run artefact');
      return false;
    }
  };

  const withFullCollectionLock = async (work: () => Promise<void>): Promise<boolean> => {
    const client = await deps.db.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [FULL_COLLECTION_LOCK_KEY]);
      if (rows[0]?.locked !== true) return false;
      try {
        await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [FULL_COLLECTION_LOCK_KEY]).catch(() => undefined);
      }
      return true;
    } finally {
      client.release();
    }
  };

  return {
    async collect(scope = {}) {
      const report: Counts = { checkoutsRemoved: 0, indexesRemoved: 0, leftoversRemoved: 0, embeddingsEvicted: 0 };
      let outcome: GarbageCollectionReport['outcome'] = 'collected';
      if (scope.repositoryId !== undefined) {
        await collectRuns(scope, report);
      } else {
        const ran = await withFullCollectionLock(async () => {
          await collectRuns(scope, report);
          await sweepLeftovers(report);
          report.embeddingsEvicted = await deps.db.embeddingCache.evict(deps.retention.embeddingCache);
        });
        if (!ran) outcome = 'skipped';
      }
      const result: GarbageCollectionReport = { outcome, ...report };
      deps.log.info({ ...result, repositoryId: scope.repositoryId }, 'garbage collection done');
      return result;
    },
  };
}

type Counts = { -readonly [TKey in Exclude<keyof GarbageCollectionReport, 'outcome'>]: number };

/** A directory of a run the database does not know, changed within the grace period: left alone. */
async function isUnknownAndRecent(db: Database, entry: { runId: string; modifiedAt: Date }): Promise<boolean> {
  if (Date.now() - entry.modifiedAt.getTime() >= UNKNOWN_RUN_GRACE_MS) return false;
  return (await db.runArtefacts.state(entry.runId)) === null;
}
