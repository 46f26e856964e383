import { z } from 'zod';
import { WorkerNameSchema, WorkerStagesSchema } from './worker-identity.js';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

const optionalPositiveInt = z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional());
const optionalNonNegativeInt = z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().optional());

const booleanFlag = z.preprocess(
  emptyAsUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .optional(),
);

/** Every environment variable RepoLens reads. Names are the public configuration surface (README table). */
export const EnvSchema = z.object({
  REPOLENS_MODE: z.preprocess(emptyAsUndefined, z.enum(['local', 'production']).default('local')),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/repolens')),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379')),
  /** Prefix for every Redis key and channel, so deployments (and test runs) never collide. */
  REDIS_PREFIX: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]+$/).default('repolens')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.repolens-data')),
  WEB_DIST_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  ALLOW_LOCAL_REPOSITORIES: booleanFlag,
  CLONE_DEPTH: z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(1)),
  MAX_FILE_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(1_000_000)),
  MAX_FILES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(100_000)),
  MAX_REPOSITORY_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(2 * 1024 ** 3)),
  CLONE_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(240_000)),
  /** Let repository URLs reach loopback, private, link-local and metadata addresses (never on a shared server). */
  ALLOW_PRIVATE_NETWORK: booleanFlag,
  ALLOW_SSH_URLS: booleanFlag,
  /** Key (32 bytes, base64 or hex) encrypting access tokens at rest; by default one is generated in DATA_DIR. */
  TOKEN_ENCRYPTION_KEY: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default('repolens/code-embed-v1')),
  MODELS_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  ALLOW_REMOTE_MODELS: booleanFlag,
  EMBEDDING_BATCH_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(32)),
  /** Index documentation files (Markdown, reStructuredText) besides the README, a section per chunk. */
  INDEX_DOCS: booleanFlag,
  /** An OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server); unset: answers from retrieval only. */
  LLM_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  LLM_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().optional()),
  LLM_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(60_000)),
  /** Retries of a rate-limited (429), overloaded (5xx) or timed-out language-model request. */
  LLM_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(2)),
  PROGRESS_THROTTLE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(250)),
  RETRY_BACKOFF_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(5_000)),
  /** How long a worker's job lock lasts; a killed worker's stage is picked up again after about this long. */
  WORKER_LOCK_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1_000).default(30_000)),
  WORKER_STALLED_CHECK_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(500).default(30_000)),
  /** Names this worker in stage executions and logs; unset: `<hostname>:<pid>`. */
  WORKER_NAME: z.preprocess(emptyAsUndefined, WorkerNameSchema.optional()),
  /** The stages whose queues this worker consumes, comma-separated; unset: all of them. */
  WORKER_STAGES: z.preprocess(emptyAsUndefined, WorkerStagesSchema.optional()),
  /** Port of a standalone worker's /metrics endpoint; 0 picks a free one. */
  WORKER_METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65_535).default(9464)),
  /** Shared secret of push webhooks: GitHub's HMAC key and GitLab's token, unless the per-host variables below are set. */
  WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  GITHUB_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  GITLAB_WEBHOOK_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  /** How long a webhook delivery id is remembered, so the same delivery sent again is refused. */
  WEBHOOK_REPLAY_TTL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(60).default(7 * 24 * 3600)),
  /** The shortest interval a cron schedule may fire at. */
  SCHEDULE_MIN_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(300)),
  /** How often a push that arrived during a run checks whether that run has ended. */
  RESYNC_DEFER_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(30_000)),
  /** Finished runs per repository whose index is kept (besides the ready run, the latest run and runs in progress). */
  RETENTION_RUNS_PER_REPOSITORY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(3)),
  /** Also remove the index of a finished run older than this, even among the newest (protected runs excepted). */
  RETENTION_DAYS: optionalPositiveInt,
  /** How often the garbage collection of old runs' files and unused cached vectors runs. */
  RETENTION_GC_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).default(3600)),
  /** Cached vectors not used for this long are evicted. */
  EMBEDDING_CACHE_MAX_AGE_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(30)),
  /** At most this many cached vectors are kept (the least recently used go first); unset: no limit. */
  EMBEDDING_CACHE_MAX_ROWS: optionalPositiveInt,
  ...stageOverrides(),
});

function stageOverrides() {
  const stages = ['INITIALIZATION', 'METADATA', 'STRUCTURE', 'CODE_ANALYSIS', 'EMBEDDING'] as const;
  const entries = stages.flatMap((stage) => [
    [`STAGE_${stage}_TIMEOUT_MS`, optionalPositiveInt],
    [`STAGE_${stage}_RETRIES`, optionalNonNegativeInt],
    [`STAGE_${stage}_CONCURRENCY`, optionalPositiveInt],
  ]);
  return Object.fromEntries(entries) as Record<string, typeof optionalPositiveInt>;
}

export type Env = z.infer<typeof EnvSchema>;
