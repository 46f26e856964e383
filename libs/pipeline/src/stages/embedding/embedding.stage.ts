import type { EmbeddingResult } from '@repolens/contracts';
import { failSafeEmbeddingCache, type EmbeddingCache } from '../../embedding/embedding-cache.js';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.js';
import { buildChunks } from '../../search/chunker.js';
import { lexicalIndexThread } from '../../search/lexical-index-thread.js';
import { buildRepositoryIndex } from '../../search/repository-index.js';
import { CHUNKER_VERSION, reusableChunks, type ChunkingConditions } from '../../search/reusable-chunks.js';
import type { PipelineSettings } from '../../settings.js';
import { requireResult, type Stage, type StageContext } from '../../stage.js';
import { createCheckoutReader } from './checkout-reader.js';
import { blobIdsOf, loadPreviousChunks } from './previous-chunks.js';

/** Share of the stage spent before embedding starts (reading files, cutting chunks, loading the model). */
const PREPARATION_SHARE = 0.1;

/** Code files from which the chunks are likely to be enough for the lexical index thread (MIN_CHUNKS_FOR_LEXICAL_THREAD). */
const FILES_FOR_LEXICAL_THREAD = 100;

export interface EmbeddingStageDeps {
  /** Vectors by chunk content hash, shared across runs; without one every chunk is embedded. */
  readonly embeddingCache?: EmbeddingCache;
}

/**
 * Cuts the analysed repository into chunks sized to the model's token budget (taking the previous run's
 * chunks of files that did not change), gets their vectors (from the embedding cache for text embedded
 * before, from the model otherwise) and writes the search index.
 * Without a usable embedding model it still builds the lexical index and says why dense search is missing.
 */
export function createEmbeddingStage(settings: PipelineSettings, deps: EmbeddingStageDeps = {}): Stage<'embedding'> {
  return {
    name: 'embedding',
    async run(ctx: StageContext): Promise<EmbeddingResult> {
      const started = performance.now();
      const analysis = requireResult(ctx, 'code_analysis');
      const metadata = requireResult(ctx, 'metadata');
      const structure = requireResult(ctx, 'structure');
      // A repository of this many code files makes thousands of chunks: the lexical index will be
      // built in its own thread, which starts meanwhile.
      if (analysis.files.length >= FILES_FOR_LEXICAL_THREAD) lexicalIndexThread().warm();

      // The model first: its tokenizer decides how large a chunk may be.
      ctx.report({ progress: 0, message: 'Loading the embedding model' });
      const { embedder, denseUnavailableReason } = await loadEmbedderOrExplain(settings, ctx);
      ctx.signal.throwIfAborted();

      ctx.report({ progress: PREPARATION_SHARE / 2, message: 'Cutting the code into passages' });
      const conditions: ChunkingConditions = {
        chunkerVersion: CHUNKER_VERSION,
        analyzerVersion: analysis.reuse?.analyzerVersion ?? null,
        modelId: embedder?.modelId ?? null,
        maxFileBytes: settings.limits.maxFileBytes,
      };
      const reusable = reusableChunks(await loadPreviousChunks(ctx, settings.dataDir), { blobIds: blobIdsOf(structure), conditions });
      const chunks = await buildChunks({
        files: analysis.files,
        readme: metadata.readme,
        metadata,
        structure,
        importGraph: analysis.importGraph,
        documentation: settings.indexDocumentation ?? true,
        ...(embedder?.tokens === undefined ? {} : { tokens: embedder.tokens }),
        readFile: createCheckoutReader(ctx.workspace.checkoutDir, settings.limits.maxFileBytes),
        reusable,
      });
      ctx.signal.throwIfAborted();
      if (reusable.filesReused > 0) {
        ctx.report({
          progress: PREPARATION_SHARE,
          message: `Cut ${chunks.length} passages, those of ${reusable.filesReused} unchanged files taken from the previous run`,
          details: { chunksTotal: chunks.length, filesChunksReused: reusable.filesReused },
        });
      }

      const built = await buildRepositoryIndex({
        dir: ctx.workspace.indexDir,
        chunks,
        embedder,
        cache: deps.embeddingCache === undefined ? null : failSafeEmbeddingCache(deps.embeddingCache, ctx.log),
        signal: ctx.signal,
        onProgress({ done, total, embedded, reused }) {
          ctx.report({
            progress: PREPARATION_SHARE + (1 - PREPARATION_SHARE) * (total === 0 ? 1 : done / total),
            message: `Vectors for ${done} / ${total} chunks (${reused} reused, ${embedded} embedded)`,
            details: { chunksDone: done, chunksTotal: total, chunksEmbedded: embedded, chunksReused: reused },
          });
        },
      });
      ctx.report({
        progress: 1,
        message: embedder === null ? `Indexed ${built.chunkCount} chunks for keyword search only` : `Indexed ${built.chunkCount} chunks`,
        details: {
          chunksTotal: built.chunkCount,
          dense: embedder !== null,
          chunksEmbedded: built.embedded,
          chunksReused: built.reused,
          filesChunksReused: reusable.filesReused,
        },
      });
      return {
        chunkCount: built.chunkCount,
        indexPath: ctx.workspace.indexPath,
        model: built.model,
        denseUnavailableReason,
        chunksEmbedded: built.embedded,
        chunksReused: built.reused,
        filesChunksReused: reusable.filesReused,
        reuse: { chunkerVersion: conditions.chunkerVersion, analyzerVersion: conditions.analyzerVersion, maxFileBytes: conditions.maxFileBytes },
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}

async function loadEmbedderOrExplain(
  settings: PipelineSettings,
  ctx: StageContext,
): Promise<{ embedder: Embedder | null; denseUnavailableReason: string | null }> {
  try {
    return { embedder: await loadEmbedder(settings.embedding), denseUnavailableReason: null };
  } catch (err) {
    // Lexical search still works, so a missing model degrades the index instead of failing the run.
    ctx.log.warn({ err, modelId: settings.embedding.modelId }, 'embedding model unavailable; building a lexical-only index');
    return { embedder: null, denseUnavailableReason: err instanceof Error ? err.message : String(err) };
  }
}
