import type { AppConfig } from '@repolens/config';
import type { Database } from '@repolens/db';
import type { Metrics } from '@repolens/metrics';
import type { LanguageModel } from '@repolens/pipeline';
import type { ResyncQueue, StageQueues } from '@repolens/queues';
import type { EventPublisher, RepositoryTokens, RunCredentials, RunEventHub } from '@repolens/realtime';
import type { Redis } from 'ioredis';
import type { Retrieval } from './services/retrieval.js';

/** Everything the HTTP and WebSocket edge uses; built by server.ts, or by a test. */
export interface AppDeps {
  readonly config: AppConfig;
  readonly db: Database;
  readonly redis: Redis;
  readonly hub: RunEventHub;
  readonly publisher: EventPublisher;
  readonly queues: StageQueues;
  /** Cron schedules' job schedulers and deferred pushes. */
  readonly resync: ResyncQueue;
  readonly credentials: RunCredentials;
  /** Tokens kept (sealed) for repositories' re-syncs, at their owners' request. */
  readonly repositoryTokens: RepositoryTokens;
  readonly metrics: Metrics;
  readonly retrieval: Retrieval;
  /** Writes chat answers; null answers from retrieval and the analysis alone. */
  readonly languageModel: LanguageModel | null;
}

export interface RoutesOptions {
  readonly deps: AppDeps;
}
