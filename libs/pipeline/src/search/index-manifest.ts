import { z } from 'zod';

export const INDEX_FORMAT_VERSION = 1;

/** Files of a repository index directory. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.json',
  lexical: 'lexical.json',
  vectors: 'vectors.hnsw',
} as const;

/** Written last, so a directory with a manifest holds a complete index. */
export const IndexManifestSchema = z.object({
  version: z.literal(INDEX_FORMAT_VERSION),
  chunkCount: z.number().int().nonnegative(),
  /** The model that embedded the chunks; null for a lexical-only index. */
  model: z.object({ id: z.string(), dimension: z.number().int().positive() }).nullable(),
  /** Chunks with a vector (text with nothing the model can represent gets none). */
  vectorCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type IndexManifest = z.infer<typeof IndexManifestSchema>;
