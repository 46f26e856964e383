export { loadEmbedder, type Embedder } from './embedder.js';
export { splitIdentifier } from './split-identifiers.js';
