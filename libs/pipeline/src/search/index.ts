export { buildChunks, type ChunkerInput } from './chunker.js';
export { searchRepositoryIndex, type RepositorySearchOptions, type SearchOutcome } from './hybrid-search.js';
export { createIndexCache, type IndexCache } from './index-cache.js';
export type { IndexManifest } from './index-manifest.js';
export {
  buildRepositoryIndex,
  loadRepositoryIndex,
  type BuildRepositoryIndexOptions,
  type BuiltRepositoryIndex,
  type RepositoryIndex,
} from './repository-index.js';
export { embedChunks, EMBEDDING_SLICE, type EmbeddingProgress, type EmbedChunksOptions } from './embed-chunks.js';
export { MAX_CHUNK_TOKENS } from './chunk-budget.js';
export { CHUNKER_VERSION, reusableChunks, type ChunkingConditions, type PreviousChunks, type ReusableChunks } from './reusable-chunks.js';
