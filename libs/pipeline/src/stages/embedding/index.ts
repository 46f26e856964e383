export { createEmbeddingStage } from './embedding.stage.js';
