import pg from 'pg';
import { ConversationsRepo } from './conversations.repo.js';
import { EmbeddingCacheRepo } from './embedding-cache.repo.js';
import { EventsRepo } from './events.repo.js';
import { IndexRebuildsRepo } from './index-rebuilds.repo.js';
import { migrate } from './migrate.js';
import { RepositoriesRepo } from './repositories.repo.js';
import { RepositoryCredentialsRepo } from './repository-credentials.repo.js';
import { RunArtefactsRepo } from './run-artefacts.repo.js';
import { RunHistoryRepo } from './run-history.repo.js';
import { RunsRepo } from './runs.repo.js';
import { SchedulesRepo } from './schedules.repo.js';
import { StageResultsRepo } from './stage-results.repo.js';

export interface Database {
  readonly pool: pg.Pool;
  readonly repositories: RepositoriesRepo;
  readonly runs: RunsRepo;
  /** Questions over many runs: the dead-letter list and the dashboard figures. */
  readonly runHistory: RunHistoryRepo;
  readonly events: EventsRepo;
  readonly results: StageResultsRepo;
  readonly conversations: ConversationsRepo;
  readonly schedules: SchedulesRepo;
  readonly embeddingCache: EmbeddingCacheRepo;
  readonly indexRebuilds: IndexRebuildsRepo;
  /** Which runs' checkouts and indexes the garbage collection removed. */
  readonly runArtefacts: RunArtefactsRepo;
  /** Access tokens kept (sealed) for repositories' re-syncs. */
  readonly repositoryCredentials: RepositoryCredentialsRepo;
  migrate(): Promise<string[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function createDatabase(url: string, options: { maxConnections?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return {
    pool,
    repositories: new RepositoriesRepo(pool),
    runs: new RunsRepo(pool),
    runHistory: new RunHistoryRepo(pool),
    events: new EventsRepo(pool),
    results: new StageResultsRepo(pool),
    conversations: new ConversationsRepo(pool),
    schedules: new SchedulesRepo(pool),
    embeddingCache: new EmbeddingCacheRepo(pool),
    indexRebuilds: new IndexRebuildsRepo(pool),
    runArtefacts: new RunArtefactsRepo(pool),
    repositoryCredentials: new RepositoryCredentialsRepo(pool),
    migrate: () => migrate(pool),
    ping: async () => {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
