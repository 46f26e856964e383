import { z } from 'zod';
import { ERROR_CODE_NAMES } from './errors.js';
import { EventErrorSchema } from './events.js';
import { MetadataResultSchema, CodeStatsSchema } from './results.js';
import { CitationSchema, GROUP_BY } from './search.js';
import { FeedStageSchema, RunStatusSchema, StageNameSchema, StageStatusSchema } from './stages.js';

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODE_NAMES), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A git ref as a user may type it; anything that could read as a git option is refused. */
export const RefSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._\/-]+(?<!\.lock)(?<![./])$/, 'not a valid branch, tag or commit name');

export const CreateRepositoryBodySchema = z.object({
  url: z.string().trim().min(1).max(2048),
  ref: RefSchema.optional(),
  /** Used for the clone; never logged or returned, and stored (encrypted) only when `rememberToken` asks for it. */
  accessToken: z.string().min(1).max(4096).optional(),
  /** Keep the token (checked against the host first) for re-analyses, pushes and schedules: see RepositoryCredentialsView. */
  rememberToken: z.boolean().optional(),
  /** Analyse what fits when the repository is over a limit, with a note of what was left out, instead of failing. */
  allowPartial: z.boolean().optional(),
});
export type CreateRepositoryBody = z.infer<typeof CreateRepositoryBodySchema>;

export const CreateRepositoryResponseSchema = z.object({
  repositoryId: z.uuid(),
  runId: z.uuid(),
  status: RunStatusSchema,
  /** True when an analysis of the same URL and commit already existed and is returned instead. */
  existing: z.boolean(),
});
export type CreateRepositoryResponse = z.infer<typeof CreateRepositoryResponseSchema>;

export const StageExecutionViewSchema = z.object({
  stage: StageNameSchema,
  status: StageStatusSchema,
  attempts: z.number().int().nonnegative(),
  progress: z.number().min(0).max(1),
  message: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: EventErrorSchema.nullable(),
  /** The WORKER_NAME of the worker that ran the latest attempt; null before any worker started it. */
  worker: z.string().nullable(),
});
export type StageExecutionView = z.infer<typeof StageExecutionViewSchema>;

export const RUN_TRIGGERS = ['interactive', 'reanalyze', 'webhook', 'schedule'] as const;

export const RunViewSchema = z.object({
  id: z.uuid(),
  repositoryId: z.uuid(),
  status: RunStatusSchema,
  trigger: z.enum(RUN_TRIGGERS),
  ref: z.string().nullable(),
  commitSha: z.string().nullable(),
  currentStage: FeedStageSchema.nullable(),
  overallProgress: z.number().min(0).max(1),
  lastSeq: z.number().int().nonnegative(),
  error: EventErrorSchema.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  stages: z.array(StageExecutionViewSchema),
});
export type RunView = z.infer<typeof RunViewSchema>;

export const REPOSITORY_STATUSES = ['queued', 'running', 'ready', 'failed', 'cancelled', 'timed_out'] as const;
export const RepositoryStatusSchema = z.enum(REPOSITORY_STATUSES);
export type RepositoryStatus = z.infer<typeof RepositoryStatusSchema>;

export const RepositorySummarySchema = z.object({
  id: z.uuid(),
  url: z.string(),
  name: z.string(),
  ref: z.string().nullable(),
  commitSha: z.string().nullable(),
  status: RepositoryStatusSchema,
  latestRunId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RepositorySummary = z.infer<typeof RepositorySummarySchema>;

export const AnalysisSummarySchema = z.object({
  metadata: MetadataResultSchema.nullable(),
  structure: z
    .object({
      totalFiles: z.number().int(),
      totalBytes: z.number().int(),
      directories: z.number().int(),
      languages: z.array(z.object({ language: z.string(), files: z.number().int(), bytes: z.number().int() })),
      keyDirectories: z.array(z.object({ path: z.string(), kind: z.string() })),
    })
    .nullable(),
  code: CodeStatsSchema.nullable(),
  index: z.object({ chunkCount: z.number().int(), model: z.string().nullable() }).nullable(),
  /** What limits left out of this analysis (empty when it is complete). */
  notes: z.array(z.string()),
});
export type AnalysisSummary = z.infer<typeof AnalysisSummarySchema>;

/**
 * The newest completed analysis: what the explorer, search and chat answer from. While a re-analysis
 * works (or after it failed) this is the previous one, so the repository stays explorable.
 */
export const ReadyAnalysisViewSchema = z.object({
  runId: z.uuid(),
  commitSha: z.string().nullable(),
  finishedAt: z.string().nullable(),
  summary: AnalysisSummarySchema,
});
export type ReadyAnalysisView = z.infer<typeof ReadyAnalysisViewSchema>;

export const RepositoryDetailSchema = RepositorySummarySchema.extend({
  latestRun: RunViewSchema.nullable(),
  /** What the latest run found so far. */
  analysis: AnalysisSummarySchema,
  /** null until an analysis of the repository completes. */
  readyAnalysis: ReadyAnalysisViewSchema.nullable(),
  /** An access token is kept for this repository's re-syncs (the token itself is never returned). */
  hasStoredToken: z.boolean(),
});
export type RepositoryDetail = z.infer<typeof RepositoryDetailSchema>;

export const RepositoryListSchema = z.object({ repositories: z.array(RepositorySummarySchema) });
export type RepositoryList = z.infer<typeof RepositoryListSchema>;

export const IdParamsSchema = z.object({ id: z.uuid() });
export const RunIdParamsSchema = z.object({ runId: z.uuid() });

/** A sequence number fits the `integer` column it is stored in. */
export const EventsQuerySchema = z.object({ after: z.coerce.number().int().nonnegative().max(2_147_483_647).default(0) });

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(2000),
  k: z.coerce.number().int().min(1).max(50).default(10),
});
export const SearchBodySchema = z.object({
  query: z.string().trim().min(1).max(20_000),
  k: z.number().int().min(1).max(50).default(10),
  groupBy: z.enum(GROUP_BY).default('chunk'),
});
export type SearchBody = z.infer<typeof SearchBodySchema>;

export const ChatBodySchema = z.object({
  question: z.string().trim().min(1).max(20_000),
  conversationId: z.uuid().optional(),
});
export type ChatBody = z.infer<typeof ChatBodySchema>;

export const ChatResponseSchema = z.object({
  conversationId: z.uuid(),
  answer: z.string(),
  citations: z.array(CitationSchema),
  /** The language model that wrote the answer; null when it was assembled from retrieval alone. */
  languageModel: z.string().nullable(),
});
export type ChatResponse = z.infer<typeof ChatResponseSchema>;

export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: z.boolean(), redis: z.boolean(), migrations: z.boolean() }),
});
export type Health = z.infer<typeof HealthSchema>;
export type Readiness = z.infer<typeof ReadinessSchema>;
