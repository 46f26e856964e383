import { z } from 'zod';
import { SymbolKindSchema } from './results.js';

/** `readme`: sections of the README; `docs`: sections of other documentation; `summary`: overviews written by the analysis. */
export const CHUNK_KINDS = ['code', 'readme', 'docs', 'summary'] as const;

/** A retrievable passage of a repository at its analysed commit. */
export const ChunkSchema = z.object({
  id: z.number().int().nonnegative(),
  path: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  kind: z.enum(CHUNK_KINDS),
  language: z.string().nullable(),
  symbol: z.string().optional(),
  symbolKind: SymbolKindSchema.optional(),
  text: z.string(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const GROUP_BY = ['chunk', 'file'] as const;

export const SearchHitSchema = z.object({
  path: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  symbol: z.string().optional(),
  score: z.number(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchModesSchema = z.object({ dense: z.boolean(), lexical: z.boolean() });

export const SearchResponseSchema = z.object({
  results: z.array(SearchHitSchema),
  /** Which retrievers contributed; dense is false when no embedding model could be loaded. */
  modes: SearchModesSchema,
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const CitationSchema = z.object({
  path: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type Citation = z.infer<typeof CitationSchema>;
