import type { EmbeddingResult } from '@repolens/contracts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.js';
import { buildChunks } from '../../search/chunker.js';
import { buildRepositoryIndex } from '../../search/repository-index.js';
import type { PipelineSettings } from '../../settings.js';
import { requireResult, type Stage, type StageContext } from '../../stage.js';
import { createCheckoutReader } from './checkout-reader.js';

/** Share of the stage spent before embedding starts (reading files, cutting chunks, loading the model). */
const PREPARATION_SHARE = 0.1;

/**
 * Cuts the analysed repository into chunks, embeds them and writes the search index. Without a usable
 * embedding model it still builds the lexical index and says why dense search is missing.
 */
export function createEmbeddingStage(settings: PipelineSettings): Stage<'embedding'> {
  return {
    name: 'embedding',
    async run(ctx: StageContext): Promise<EmbeddingResult> {
      const started = performance.now();
      const analysis = requireResult(ctx, 'code_analysis');
      const metadata = requireResult(ctx, 'metadata');
      const structure = requireResult(ctx, 'structure');

      ctx.report({ progress: 0, message: 'Cutting the code into passages' });
      const chunks = await buildChunks({
        files: analysis.files,
        readme: metadata.readme,
        metadata,
        structure,
        readFile: createCheckoutReader(ctx.workspace.checkoutDir, settings.limits.maxFileBytes),
      });
      ctx.signal.throwIfAborted();

      ctx.report({ progress: PREPARATION_SHARE / 2, message: `Loading the embedding model for ${chunks.length} chunks` });
      const { embedder, denseUnavailableReason } = await loadEmbedderOrExplain(settings, ctx);
      ctx.signal.throwIfAborted();

      const built = await buildRepositoryIndex({
        dir: ctx.workspace.indexDir,
        chunks,
        embedder,
        signal: ctx.signal,
        onProgress(embedded, total) {
          ctx.report({
            progress: PREPARATION_SHARE + (1 - PREPARATION_SHARE) * (total === 0 ? 1 : embedded / total),
            message: `Embedded ${embedded} / ${total} chunks`,
            details: { chunksEmbedded: embedded, chunksTotal: total },
          });
        },
      });
      ctx.report({
        progress: 1,
        message: embedder === null ? `Indexed ${built.chunkCount} chunks for keyword search only` : `Indexed ${built.chunkCount} chunks`,
        details: { chunksTotal: built.chunkCount, dense: embedder !== null },
      });
      return {
        chunkCount: built.chunkCount,
        indexPath: ctx.workspace.indexPath,
        model: built.model,
        denseUnavailableReason,
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
