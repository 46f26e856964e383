import { z } from 'zod';

/** Results each stage returns; stored per run and read by the stages after it and by the API. */

export const InitializationResultSchema = z.object({
  /** The URL without credentials, as it was cloned. */
  cloneUrl: z.string(),
  /** What a limit left out when the user allowed a partial analysis; empty otherwise. */
  notes: z.array(z.string()),
  /** How a partial checkout was cut, so a checkout restored on another worker leaves out the same files. */
  partial: z
    .object({
      /** Files larger than this were not fetched; null: all were. */
      blobLimitBytes: z.number().int().positive().nullable(),
      /** Only this many files (in path order) were checked out; null: all were. */
      maxFiles: z.number().int().positive().nullable(),
    })
    .optional(),
  /** The ref asked for, or the remote's default branch when none was. */
  ref: z.string(),
  commitSha: z.string().regex(/^[0-9a-f]{40}$/),
  shallow: z.boolean(),
  fileCount: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type InitializationResult = z.infer<typeof InitializationResultSchema>;

export const ReadmeSectionSchema = z.object({
  heading: z.string(),
  level: z.number().int().min(0).max(6),
  text: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type ReadmeSection = z.infer<typeof ReadmeSectionSchema>;

export const DEPENDENCY_KINDS = ['runtime', 'dev', 'peer', 'optional', 'build'] as const;
export const DEPENDENCY_ECOSYSTEMS = ['npm', 'pypi', 'go', 'cargo', 'maven', 'gradle', 'rubygems', 'composer', 'nuget'] as const;
export const DependencySchema = z.object({
  ecosystem: z.enum(DEPENDENCY_ECOSYSTEMS),
  manifest: z.string(),
  name: z.string(),
  version: z.string().optional(),
  kind: z.enum(DEPENDENCY_KINDS),
});
export type Dependency = z.infer<typeof DependencySchema>;

export const ContributorSchema = z.object({ name: z.string(), commits: z.number().int().positive() });

export const GitInfoSchema = z.object({
  branch: z.string().nullable(),
  commit: z.string(),
  commitCount: z.number().int().nonnegative(),
  contributors: z.array(ContributorSchema),
  lastCommitDate: z.string().nullable(),
  /** True when the clone is shallow, so the count and contributors cover only the fetched history. */
  historyTruncated: z.boolean(),
});
export type GitInfo = z.infer<typeof GitInfoSchema>;

export const MetadataResultSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  readme: z.object({ path: z.string(), sections: z.array(ReadmeSectionSchema) }).nullable(),
  dependencies: z.array(DependencySchema),
  /** Workspace (monorepo) packages declared by the root manifest, as directories. */
  workspaces: z.array(z.string()),
  license: z.object({ spdxId: z.string(), file: z.string() }).nullable(),
  git: GitInfoSchema,
  /** Commits per month over the fetched history, oldest first. */
  commitActivity: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), commits: z.number().int().nonnegative() })),
  configFiles: z.array(z.string()),
  ciFiles: z.array(z.string()),
  dockerFiles: z.array(z.string()),
});
export type MetadataResult = z.infer<typeof MetadataResultSchema>;

/** What a file is, for ranking and statistics: only `source` is code a question is usually about. */
export const FILE_CATEGORIES = ['source', 'test', 'docs', 'config', 'generated', 'vendored', 'binary'] as const;
export const FileCategorySchema = z.enum(FILE_CATEGORIES);
export type FileCategory = z.infer<typeof FileCategorySchema>;

export const KEY_DIRECTORY_KINDS = ['source', 'tests', 'docs', 'config', 'ci', 'scripts', 'examples'] as const;

/** Git's object id of a file's content at the analysed commit: equal ids, equal content. */
export const BlobIdSchema = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);

export const StructureFileSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  language: z.string().nullable(),
  category: FileCategorySchema,
  /** Absent when git does not track the file (or the checkout is not a git one): nothing about it is reused. */
  blobId: BlobIdSchema.optional(),
});
export type StructureFile = z.infer<typeof StructureFileSchema>;

export const StructureResultSchema = z.object({
  files: z.array(StructureFileSchema),
  totalFiles: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  directories: z.number().int().nonnegative(),
  /** By bytes, as linguist counts: vendored, generated, binary and documentation files left out. */
  languages: z.array(z.object({ language: z.string(), files: z.number().int(), bytes: z.number().int() })),
  keyDirectories: z.array(z.object({ path: z.string(), kind: z.enum(KEY_DIRECTORY_KINDS) })),
  /** The biggest files, largest first. */
  largestFiles: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative() })),
  /** Deepest directory nesting of a file (a file at the root has depth 1). */
  maxDepth: z.number().int().nonnegative(),
  /** How many files of each category. */
  categories: z.record(FileCategorySchema, z.number().int().nonnegative()),
  /** Files left out, with why (ignored by .gitignore is not listed; these are limits and oddities). */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type StructureResult = z.infer<typeof StructureResultSchema>;

export const SYMBOL_KINDS = ['function', 'class', 'method', 'interface', 'type', 'enum', 'struct', 'trait', 'module'] as const;
export const SymbolKindSchema = z.enum(SYMBOL_KINDS);
export type SymbolKind = z.infer<typeof SymbolKindSchema>;

export const CodeSymbolSchema = z.object({
  name: z.string(),
  kind: SymbolKindSchema,
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  /** Enclosing class, interface, struct, trait, impl or module, for members. */
  parent: z.string().optional(),
  signature: z.string().optional(),
  /** The doc comment or docstring, trimmed (at most a few hundred characters). */
  doc: z.string().optional(),
  exported: z.boolean(),
});
export type CodeSymbol = z.infer<typeof CodeSymbolSchema>;

export const LineStatsSchema = z.object({
  code: z.number().int().nonnegative(),
  comment: z.number().int().nonnegative(),
  blank: z.number().int().nonnegative(),
});
export type LineStats = z.infer<typeof LineStatsSchema>;

export const FileImportSchema = z.object({
  source: z.string(),
  names: z.array(z.string()),
  line: z.number().int().positive(),
  /** The repository file it refers to, when it could be resolved (relative paths, tsconfig paths, packages). */
  resolved: z.string().optional(),
});
export type FileImport = z.infer<typeof FileImportSchema>;

export const FileAnalysisSchema = z.object({
  path: z.string(),
  language: z.string(),
  category: FileCategorySchema,
  lines: z.number().int().nonnegative(),
  lineStats: LineStatsSchema,
  bytes: z.number().int().nonnegative(),
  symbols: z.array(CodeSymbolSchema),
  imports: z.array(FileImportSchema),
  exports: z.array(z.object({ name: z.string(), line: z.number().int().positive() })),
  /** Set when the file could not be parsed; such a file never fails the run. */
  error: z.string().optional(),
  /** The content analysed (see StructureFile): a later run reuses this record for a file with the same id. */
  blobId: BlobIdSchema.optional(),
});
export type FileAnalysis = z.infer<typeof FileAnalysisSchema>;

export const CodeStatsSchema = z.object({
  files: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  codeLines: z.number().int().nonnegative(),
  commentLines: z.number().int().nonnegative(),
  blankLines: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  functions: z.number().int().nonnegative(),
  classes: z.number().int().nonnegative(),
  methods: z.number().int().nonnegative(),
  symbols: z.number().int().nonnegative(),
  imports: z.number().int().nonnegative(),
  exports: z.number().int().nonnegative(),
});
export type CodeStats = z.infer<typeof CodeStatsSchema>;

/** Which files import which, resolved to repository files. */
export const ImportGraphSchema = z.object({
  /** Resolved edges `[from, to]` between repository files. */
  edges: z.array(z.tuple([z.string(), z.string()])),
  /** Files imported by the most other files, most first. */
  mostImported: z.array(z.object({ path: z.string(), importedBy: z.number().int().positive() })),
  /** Files nothing imports that look like programs or package roots (main, index, bin, manifests' entries). */
  entryPoints: z.array(z.string()),
  /** Import cycles, each as the files around it. */
  cycles: z.array(z.array(z.string())),
  /** Imports that point into the repository but could not be resolved to a file. */
  unresolved: z.number().int().nonnegative(),
});
export type ImportGraph = z.infer<typeof ImportGraphSchema>;

export const CodeAnalysisResultSchema = z.object({
  files: z.array(FileAnalysisSchema),
  totals: CodeStatsSchema,
  byLanguage: z.record(z.string(), CodeStatsSchema),
  importGraph: ImportGraphSchema,
  /** Time spent inside tree-sitter's parse(), to compare the stage with raw parser throughput. */
  parseMs: z.number().nonnegative(),
  /** Files read and parsed by this run. */
  filesParsed: z.number().int().nonnegative().default(0),
  /** Files whose analysis was taken from the repository's previous run, their content being unchanged. */
  filesReused: z.number().int().nonnegative().default(0),
  /**
   * What a later run checks before reusing these file records; absent in results made before analyses
   * were reused, from which nothing is reused.
   */
  reuse: z
    .object({
      /** The analyser's version (CODE_ANALYZER_VERSION) that made the records. */
      analyzerVersion: z.number().int().positive(),
      /** The `.gitattributes` files (paths and blob ids), which decide how a blob is written to the checkout. */
      checkoutAttributes: z.string(),
    })
    .optional(),
});
export type CodeAnalysisResult = z.infer<typeof CodeAnalysisResultSchema>;

export const EmbeddingResultSchema = z.object({
  chunkCount: z.number().int().nonnegative(),
  /** Where the index lives, relative to the data directory shared by api and workers. */
  indexPath: z.string(),
  model: z.object({ id: z.string(), dimension: z.number().int().positive() }).nullable(),
  /** Why dense vectors are missing, when they are (lexical search still works). */
  denseUnavailableReason: z.string().nullable(),
  /** Texts the model embedded in this run. */
  chunksEmbedded: z.number().int().nonnegative().default(0),
  /** Chunks whose vectors were reused from earlier runs (the embedding cache, by content hash). */
  chunksReused: z.number().int().nonnegative().default(0),
  /** Files whose chunks were taken from the previous run, their content being unchanged (the rest were read and cut). */
  filesChunksReused: z.number().int().nonnegative().default(0),
  /**
   * What the chunks were cut with, which a later run checks before reusing them; absent in results made
   * before chunks were reused, from which nothing is reused.
   */
  reuse: z
    .object({
      /** CHUNKER_VERSION of the chunker that cut them. */
      chunkerVersion: z.number().int().positive(),
      /** The code analysis version whose symbols the code chunks follow. */
      analyzerVersion: z.number().int().positive().nullable(),
      /** The file size limit: larger files were not read, so not cut. */
      maxFileBytes: z.number().int().positive(),
    })
    .optional(),
  durationMs: z.number().nonnegative(),
});
export type EmbeddingResult = z.infer<typeof EmbeddingResultSchema>;

export const STAGE_RESULT_SCHEMAS = {
  initialization: InitializationResultSchema,
  metadata: MetadataResultSchema,
  structure: StructureResultSchema,
  code_analysis: CodeAnalysisResultSchema,
  embedding: EmbeddingResultSchema,
} as const;

export type StageResults = { [TStage in keyof typeof STAGE_RESULT_SCHEMAS]: z.infer<(typeof STAGE_RESULT_SCHEMAS)[TStage]> };
