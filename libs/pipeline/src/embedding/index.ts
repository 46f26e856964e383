export { loadEmbedder, type Embedder } from './embedder.js';
export { splitIdentifier } from './split-identifiers.js';
export { approximateTokenCounter, type TokenCounter } from './token-counter.js';
export {
  contentHash,
  createMemoryEmbeddingCache,
  failSafeEmbeddingCache,
  type CachedVector,
  type EmbeddingCache,
  type EmbeddingModelKey,
} from './embedding-cache.js';
