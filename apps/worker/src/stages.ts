import type { StageName } from '@repolens/contracts';
import {
  createCodeAnalysisStage,
  createEmbeddingStage,
  createInitializationStage,
  createMetadataStage,
  createStructureStage,
  type EmbeddingStageDeps,
  type PipelineSettings,
  type Stage,
} from '@repolens/pipeline';

export type StageRegistry = { readonly [TName in StageName]: Stage<TName> };

/** The explicit list binding each queue to its stage logic (no discovery, easy to grep). */
export function createStageRegistry(settings: PipelineSettings, embedding: EmbeddingStageDeps = {}): StageRegistry {
  return {
    initialization: createInitializationStage(settings),
    metadata: createMetadataStage(),
    structure: createStructureStage(settings),
    code_analysis: createCodeAnalysisStage(settings),
    embedding: createEmbeddingStage(settings, embedding),
  };
}
