/** What the pipeline needs from configuration; apps map their validated config onto this. */
export interface PipelineSettings {
  /** Root of checkouts and indexes, shared by every worker and API process of a deployment. */
  readonly dataDir: string;
  readonly allowLocalRepositories: boolean;
  /** Clone depth; 0 means full history. */
  readonly cloneDepth: number;
  readonly limits: {
    readonly maxFileBytes: number;
    readonly maxFiles: number;
  };
  readonly embedding: EmbeddingSettings;
}

export interface EmbeddingSettings {
  /** A transformers.js feature-extraction model id, e.g. `repolens/code-embed-stub` or `Xenova/all-MiniLM-L6-v2`. */
  readonly modelId: string;
  /** Directory laid out as `<org>/<name>/...` for transformers.js `env.localModelPath`. */
  readonly modelsDir: string;
  /** Whether the hub may be used when the model is not in `modelsDir`. */
  readonly allowRemoteModels: boolean;
  readonly batchSize: number;
}
