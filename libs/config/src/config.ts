import path from 'node:path';
import { STAGE_NAMES, STAGE_QUEUES, type StageName, type StageQueueSpec } from '@repolens/contracts';
import { EnvSchema, type Env } from './env-schema.js';
import { defaultWorkerName } from './worker-identity.js';

export interface StagePolicy extends StageQueueSpec {
  readonly attempts: number;
}

export interface AppConfig {
  readonly mode: 'local' | 'production';
  readonly http: { readonly host: string; readonly port: number; readonly webDistDir: string | null };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly db: { readonly url: string };
  readonly redis: { readonly url: string; readonly prefix: string };
  /** Encrypts access tokens at rest; null means a key file in the data directory. */
  readonly tokenEncryptionKey: string | null;
  readonly pipeline: {
    readonly dataDir: string;
    readonly allowLocalRepositories: boolean;
    readonly cloneDepth: number;
    readonly limits: {
      readonly maxFileBytes: number;
      readonly maxFiles: number;
      readonly maxRepositoryBytes: number;
      readonly cloneTimeoutMs: number;
    };
    readonly network: { readonly allowPrivateAddresses: boolean; readonly allowSsh: boolean };
    readonly embedding: {
      readonly modelId: string;
      readonly modelsDir: string;
      readonly allowRemoteModels: boolean;
      readonly batchSize: number;
    };
    /** Documentation besides the README is cut into chunks too. */
    readonly indexDocumentation: boolean;
  };
  /** The language model that writes chat answers; null answers from retrieval and the analysis alone. */
  readonly llm: LanguageModelConfig | null;
  readonly queues: {
    readonly stages: Readonly<Record<StageName, StagePolicy>>;
    readonly retryBackoffMs: number;
    readonly lockMs: number;
    readonly stalledCheckMs: number;
    readonly progressThrottleMs: number;
    readonly workerMetricsPort: number;
  };
  /** This worker process: the name its stage executions record, and the stages it takes. */
  readonly worker: WorkerConfig;
  /** Keeping indexes current: push webhooks and cron schedules. */
  readonly resync: {
    /** GitHub's HMAC key; null refuses GitHub deliveries. */
    readonly githubSecret: string | null;
    /** GitLab's secret token; null refuses GitLab deliveries. */
    readonly gitlabToken: string | null;
    readonly replayTtlSeconds: number;
    readonly minScheduleIntervalSeconds: number;
    readonly deferMs: number;
  };
  /** What the garbage collection keeps: run artefacts (checkouts, indexes) and cached vectors. */
  readonly retention: RetentionConfig;
}

export interface WorkerConfig {
  readonly name: string;
  /** The stage queues this process consumes, in pipeline order; others are left to workers dedicated to them. */
  readonly stages: readonly StageName[];
}

export interface RetentionConfig {
  /** Finished runs per repository whose index is kept, newest first (the ready run is kept regardless). */
  readonly runsPerRepository: number;
  /** Finished runs older than this lose their index even among the newest; null: no age limit. */
  readonly maxAgeDays: number | null;
  readonly intervalSeconds: number;
  readonly embeddingCache: {
    readonly maxAgeDays: number;
    readonly maxRows: number | null;
  };
}

export interface LanguageModelConfig {
  readonly baseUrl: string;
  /** Sent as a bearer token; local servers (Ollama, llama.cpp) accept none. */
  readonly apiKey: string | null;
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Where relative paths (data and models directories) are anchored: the project root. */
  readonly rootDir: string;
}

/** Validates the environment once and maps it onto the nested config; every bad variable is named. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  if ((values.LLM_BASE_URL === undefined) !== (values.LLM_MODEL === undefined)) {
    throw new ConfigError(['LLM_BASE_URL and LLM_MODEL: set both to use a language model, or neither']);
  }
  const local = values.REPOLENS_MODE === 'local';
  const resolve = (value: string): string => path.resolve(options.rootDir, value);
  const overrides = values as unknown as Record<string, number | undefined>;

  const stages = Object.fromEntries(
    STAGE_NAMES.map((stage) => {
      const key = `STAGE_${stage.toUpperCase()}`;
      const defaults = STAGE_QUEUES[stage];
      const retries = overrides[`${key}_RETRIES`] ?? defaults.retries;
      const policy: StagePolicy = {
        queue: defaults.queue,
        timeoutMs: overrides[`${key}_TIMEOUT_MS`] ?? defaults.timeoutMs,
        retries,
        attempts: retries + 1,
        concurrency: overrides[`${key}_CONCURRENCY`] ?? defaults.concurrency,
      };
      return [stage, policy];
    }),
  ) as Record<StageName, StagePolicy>;

  return {
    mode: values.REPOLENS_MODE,
    http: {
      host: values.HOST,
      port: values.PORT,
      webDistDir: values.WEB_DIST_DIR === undefined ? resolve('apps/web/dist') : resolve(values.WEB_DIST_DIR),
    },
    logLevel: values.LOG_LEVEL,
    db: { url: values.DATABASE_URL },
    redis: { url: values.REDIS_URL, prefix: values.REDIS_PREFIX },
    tokenEncryptionKey: values.TOKEN_ENCRYPTION_KEY ?? null,
    pipeline: {
      dataDir: resolve(values.DATA_DIR),
      allowLocalRepositories: values.ALLOW_LOCAL_REPOSITORIES ?? local,
      cloneDepth: values.CLONE_DEPTH,
      limits: {
        maxFileBytes: values.MAX_FILE_BYTES,
        maxFiles: values.MAX_FILES,
        maxRepositoryBytes: values.MAX_REPOSITORY_BYTES,
        cloneTimeoutMs: values.CLONE_TIMEOUT_MS,
      },
      network: { allowPrivateAddresses: values.ALLOW_PRIVATE_NETWORK ?? false, allowSsh: values.ALLOW_SSH_URLS ?? false },
      embedding: {
        modelId: values.EMBEDDING_MODEL,
        modelsDir: resolve(values.MODELS_DIR ?? 'models'),
        allowRemoteModels: values.ALLOW_REMOTE_MODELS ?? false,
        batchSize: values.EMBEDDING_BATCH_SIZE,
      },
      indexDocumentation: values.INDEX_DOCS ?? true,
    },
    llm:
      values.LLM_BASE_URL === undefined || values.LLM_MODEL === undefined
        ? null
        : {
            baseUrl: values.LLM_BASE_URL,
            apiKey: values.LLM_API_KEY ?? null,
            model: values.LLM_MODEL,
            timeoutMs: values.LLM_TIMEOUT_MS,
            maxRetries: values.LLM_MAX_RETRIES,
          },
    queues: {
      stages,
      retryBackoffMs: values.RETRY_BACKOFF_MS,
      lockMs: values.WORKER_LOCK_MS,
      stalledCheckMs: values.WORKER_STALLED_CHECK_MS,
      progressThrottleMs: values.PROGRESS_THROTTLE_MS,
      workerMetricsPort: values.WORKER_METRICS_PORT,
    },
    worker: {
      name: values.WORKER_NAME ?? defaultWorkerName(),
      stages: values.WORKER_STAGES ?? STAGE_NAMES,
    },
    resync: {
      githubSecret: values.GITHUB_WEBHOOK_SECRET ?? values.WEBHOOK_SECRET ?? null,
      gitlabToken: values.GITLAB_WEBHOOK_TOKEN ?? values.WEBHOOK_SECRET ?? null,
      replayTtlSeconds: values.WEBHOOK_REPLAY_TTL_SECONDS,
      minScheduleIntervalSeconds: values.SCHEDULE_MIN_INTERVAL_SECONDS,
      deferMs: values.RESYNC_DEFER_MS,
    },
    retention: {
      runsPerRepository: values.RETENTION_RUNS_PER_REPOSITORY,
      maxAgeDays: values.RETENTION_DAYS ?? null,
      intervalSeconds: values.RETENTION_GC_INTERVAL_SECONDS,
      embeddingCache: {
        maxAgeDays: values.EMBEDDING_CACHE_MAX_AGE_DAYS,
        maxRows: values.EMBEDDING_CACHE_MAX_ROWS ?? null,
      },
    },
  };
}

