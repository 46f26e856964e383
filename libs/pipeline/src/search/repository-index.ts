import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ChunkSchema, type Chunk } from '@repolens/contracts';
import type { EmbeddingCache } from '../embedding/embedding-cache.js';
import type { Embedder } from '../embedding/embedder.js';
import { embedChunks, type EmbeddedChunks, type EmbeddingProgress } from './embed-chunks.js';
import { buildExactMatchLookup, type ExactMatchLookup } from './exact-match.js';
import { INDEX_FILES, INDEX_FORMAT_VERSION, IndexManifestSchema, type IndexManifest } from './index-manifest.js';
import { loadLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { lexicalIndexWriterFor } from './lexical-index-thread.js';
import { createVectorIndexBuilder, readVectorIndex, type VectorIndex } from './vector-index.js';

/** A loaded index: the chunks, their lexical index, their vectors when there are any. */
export interface RepositoryIndex {
  readonly dir: string;
  readonly manifest: IndexManifest;
  /** Indexed by chunk id. */
  readonly chunks: readonly Chunk[];
  readonly lexical: LexicalIndex;
  /** Null for a lexical-only index. */
  readonly vectors: VectorIndex | null;
  readonly exactMatches: ExactMatchLookup;
}

export interface BuildRepositoryIndexOptions {
  readonly dir: string;
  readonly chunks: readonly Chunk[];
  /** Null builds a lexical-only index. */
  readonly embedder: Embedder | null;
  /** Vectors of texts embedded before (by any run); absent: everything is embedded. */
  readonly cache?: EmbeddingCache | null;
  readonly signal: AbortSignal;
  onProgress(progress: EmbeddingProgress): void;
}

export interface BuiltRepositoryIndex {
  readonly chunkCount: number;
  readonly model: { id: string; dimension: number } | null;
  /** Texts the model embedded in this build, and chunks whose vectors came from the cache. */
  readonly embedded: number;
  readonly reused: number;
}

/**
 * Builds and writes the index of a repository's chunks. It is written beside `dir` and renamed into
 * place, so a reader never sees a half-written index.
 */
export async function buildRepositoryIndex(options: BuildRepositoryIndexOptions): Promise<BuiltRepositoryIndex> {
  const { dir, chunks, embedder, signal } = options;
  signal.throwIfAborted();
  chunks.forEach((chunk, position) => {
    if (chunk.id !== position) throw new Error(`chunk ids must be 0..n-1 in order; found ${chunk.id} at ${position}`);
  });
  // The lexical and vector indexes grow a slice at a time while the model embeds the next slice; a
  // large lexical index grows in a thread of its own meanwhile.
  const lexicalWriter = lexicalIndexWriterFor(chunks.length);
  let lexicalJson: string;
  let vectors: VectorIndex | null;
  let embedding: EmbeddedChunks | null;
  try {
    const vectorBuilder = embedder === null ? null : createVectorIndexBuilder(embedder.dimension, chunks.length);
    embedding =
      embedder === null
        ? null
        : await embedChunks({
            chunks,
            embedder,
            cache: options.cache ?? null,
            signal,
            onProgress: (progress) => options.onProgress(progress),
            onSlice(slice, sliceVectors) {
              lexicalWriter.add(slice);
              vectorBuilder?.add(sliceVectors);
            },
          });
    if (embedder === null) lexicalWriter.add(chunks);
    vectors = vectorBuilder?.finish() ?? null;
    lexicalJson = await lexicalWriter.serialized();
    signal.throwIfAborted();
  } catch (error) {
    lexicalWriter.discard();
    throw error;
  }

  const model = embedder === null ? null : { id: embedder.modelId, dimension: embedder.dimension };
  const manifest: IndexManifest = {
    version: INDEX_FORMAT_VERSION,
    chunkCount: chunks.length,
    model,
    vectorCount: vectors?.size ?? 0,
    createdAt: new Date().toISOString(),
  };

  await mkdir(path.dirname(dir), { recursive: true });
  const staging = `${dir}.partial-${randomUUID()}`;
  try {
    await mkdir(staging);
    await writeFile(path.join(staging, INDEX_FILES.chunks), JSON.stringify(chunks));
    await writeFile(path.join(staging, INDEX_FILES.lexical), lexicalJson);
    if (vectors !== null) await vectors.write(path.join(staging, INDEX_FILES.vectors));
    await writeFile(path.join(staging, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
    signal.throwIfAborted();
    await replaceDirectory(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { chunkCount: chunks.length, model, embedded: embedding?.embedded ?? 0, reused: embedding?.reused ?? 0 };
}

/** Puts `staging` at `target`; an existing index there (a retried run) is moved aside first, then removed. */
async function replaceDirectory(staging: string, target: string): Promise<void> {
  const previous = `${target}.previous-${randomUUID()}`;
  let hadPrevious = false;
  try {
    await rename(target, previous);
    hadPrevious = true;
  } catch (error) {
    if (!isNodeError(error, 'ENOENT')) throw error;
  }
  await rename(staging, target);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/** Loads an index written by `buildRepositoryIndex`; `INDEX_NOT_READY` when there is none. */
export async function loadRepositoryIndex(dir: string): Promise<RepositoryIndex> {
  let manifestText: string;
  try {
    manifestText = await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8');
  } catch (error) {
    if (isNodeError(error, 'ENOENT')) throw new AppError('INDEX_NOT_READY', undefined, { cause: error });
    throw error;
  }
  const manifest = IndexManifestSchema.parse(JSON.parse(manifestText));
  const chunks = ChunkSchema.array().parse(JSON.parse(await readFile(path.join(dir, INDEX_FILES.chunks), 'utf8')));
  // Search looks chunks up by id as a position; an index that breaks that is corrupt, not merely stale.
  if (chunks.length !== manifest.chunkCount || chunks.some((chunk, position) => chunk.id !== position)) {
    throw new Error(`index at ${dir} is inconsistent: its chunks do not match its manifest`);
  }
  const lexical = loadLexicalIndex(await readFile(path.join(dir, INDEX_FILES.lexical), 'utf8'));
  const vectors =
    manifest.model === null
      ? null
      : await readVectorIndex(path.join(dir, INDEX_FILES.vectors), manifest.model.dimension, manifest.vectorCount);
  return { dir, manifest, chunks, lexical, vectors, exactMatches: buildExactMatchLookup(chunks) };
}

/** When the index at `dir` was last written, to tell a cached copy from a rebuilt one; null when absent. */
export async function indexVersionStamp(dir: string): Promise<string | null> {
  try {
    const info = await stat(path.join(dir, INDEX_FILES.manifest));
    return `${info.ino}:${info.mtimeMs}`;
  } catch (error) {
    if (isNodeError(error, 'ENOENT')) return null;
    throw error;
  }
}

function isNodeError(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
