import { z } from 'zod';
import { CodeSymbolSchema, FileCategorySchema, SymbolKindSchema } from './results.js';

/** The explorer's calls (SPEC §7): the analysed commit's file tree, one file's text with its symbols, symbol search. */

export const FileTreeEntrySchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  language: z.string().nullable(),
  category: FileCategorySchema,
});
export type FileTreeEntry = z.infer<typeof FileTreeEntrySchema>;

export const FileTreeResponseSchema = z.object({
  /** The completed run the tree comes from, and the commit it analysed. */
  runId: z.uuid(),
  commitSha: z.string().nullable(),
  /** Every analysed file, in path order; directories are implied by the paths. */
  files: z.array(FileTreeEntrySchema),
});
export type FileTreeResponse = z.infer<typeof FileTreeResponseSchema>;

/** `/api/repositories/:id/files/*`: the wildcard is the file's path inside the repository. */
export const FileParamsSchema = z.object({ id: z.uuid(), '*': z.string().max(4096) });

/**
 * Which completed run of the repository the explorer reads: by default the newest one; a client pins the
 * run its tree came from with `runId`, so a file opened later matches that tree. An older run whose
 * checkout or index the retention policy removed answers 410 RUN_ARTEFACTS_DELETED.
 */
export const ExplorerRunQuerySchema = z.object({ runId: z.uuid().optional() });
export type ExplorerRunQuery = z.infer<typeof ExplorerRunQuerySchema>;

export const FileContentResponseSchema = z.object({
  path: z.string(),
  runId: z.uuid(),
  commitSha: z.string().nullable(),
  language: z.string().nullable(),
  category: FileCategorySchema,
  /** Size on disk in bytes, and the text encoding it was decoded from. */
  bytes: z.number().int().nonnegative(),
  encoding: z.string(),
  lines: z.number().int().nonnegative(),
  text: z.string(),
  /** Functions, classes, methods … found by the code analysis, in line order; empty for files it did not parse. */
  symbols: z.array(CodeSymbolSchema),
});
export type FileContentResponse = z.infer<typeof FileContentResponseSchema>;

/** How a symbol's name matched the query: the whole name, its beginning, or approximately. */
export const SYMBOL_MATCHES = ['exact', 'prefix', 'fuzzy'] as const;
export type SymbolMatch = (typeof SYMBOL_MATCHES)[number];

export const SymbolSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  k: z.coerce.number().int().min(1).max(100).default(20),
  kind: SymbolKindSchema.optional(),
  runId: z.uuid().optional(),
});
export type SymbolSearchQuery = z.infer<typeof SymbolSearchQuerySchema>;

export const SymbolHitSchema = CodeSymbolSchema.omit({ doc: true }).extend({
  path: z.string(),
  match: z.enum(SYMBOL_MATCHES),
  score: z.number(),
});
export type SymbolHit = z.infer<typeof SymbolHitSchema>;

export const SymbolSearchResponseSchema = z.object({ results: z.array(SymbolHitSchema) });
export type SymbolSearchResponse = z.infer<typeof SymbolSearchResponseSchema>;
