export { createEmbeddingStage, type EmbeddingStageDeps } from './embedding.stage.js';
