import type { Embedder } from '@repolens/pipeline';

/**
 * An embedder that answers the queries embedded up front (in batches: the same vectors, far fewer
 * calls) from memory, and embeds anything else through the wrapped one.
 */
export function cachedEmbedder(embedder: Embedder, texts: readonly string[], vectors: readonly Float32Array[]): Embedder {
  const cache = new Map(texts.map((text, i) => [text, vectors[i]!]));
  return {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    async embed(batch, signal) {
      const missing = batch.filter((text) => !cache.has(text));
      const computed = missing.length === 0 ? [] : await embedder.embed(missing, signal);
      missing.forEach((text, i) => cache.set(text, computed[i]!));
      return batch.map((text) => cache.get(text)!);
    },
  };
}
