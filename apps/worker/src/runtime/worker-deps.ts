import type { AppConfig } from '@repolens/config';
import type { Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import type { Metrics } from '@repolens/metrics';
import type { PipelineSettings } from '@repolens/pipeline';
import type { MaintenanceQueue, StageQueues } from '@repolens/queues';
import type { EventPublisher, RepositoryTokens, RunCredentials } from '@repolens/realtime';
import type { Redis } from 'ioredis';

/** What the worker runtime needs, built once by the composition root (main.ts or an embedding process). */
export interface WorkerDeps {
  readonly config: AppConfig;
  readonly settings: PipelineSettings;
  readonly log: Logger;
  readonly db: Database;
  readonly redis: Redis;
  readonly publisher: EventPublisher;
  readonly queues: StageQueues;
  readonly credentials: RunCredentials;
  /** Tokens repositories keep for re-syncs; a run without a token of its own clones with its repository's. */
  readonly repositoryTokens: RepositoryTokens;
  /** Garbage collection: the end of a run asks for its repository's superseded artefacts to go. */
  readonly maintenance: Pick<MaintenanceQueue, 'collectRepository'>;
  readonly metrics: Metrics;
}
