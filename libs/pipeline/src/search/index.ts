export { buildChunks, type ChunkerInput } from './chunker.js';
export { searchRepositoryIndex, type RepositorySearchOptions, type SearchOutcome } from './hybrid-search.js';
export { createIndexCache, type IndexCache } from './index-cache.js';
export type { IndexManifest } from './index-manifest.js';
export {
  buildRepositoryIndex,
  loadRepositoryIndex,
  type BuildRepositoryIndexOptions,
  type RepositoryIndex,
} from './repository-index.js';
