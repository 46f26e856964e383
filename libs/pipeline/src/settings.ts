/** What the pipeline needs from configuration; apps map their validated config onto this. */
export interface PipelineSettings {
  /** Root of checkouts and indexes, shared by every worker and API process of a deployment. */
  readonly dataDir: string;
  readonly allowLocalRepositories: boolean;
  /** Clone depth; 0 means full history. */
  readonly cloneDepth: number;
  readonly limits: {
    /** Files larger than this are listed but not read, parsed or indexed. */
    readonly maxFileBytes: number;
    /** A repository with more files fails with TOO_MANY_FILES (or is cut, when partial analysis is allowed). */
    readonly maxFiles: number;
    /** A checkout larger than this on disk fails with REPOSITORY_TOO_LARGE (or is cut, when allowed). */
    readonly maxRepositoryBytes: number;
    /** A clone running longer than this fails with CLONE_TIMEOUT. */
    readonly cloneTimeoutMs: number;
  };
  readonly network: {
    /** Let repository URLs reach loopback, private, link-local and cloud-metadata addresses. */
    readonly allowPrivateAddresses: boolean;
    /** Accept ssh:// and scp-like (git@host:path) URLs. */
    readonly allowSsh: boolean;
  };
  readonly embedding: EmbeddingSettings;
  /** Cut documentation files besides the README into chunks (a section each); default true. */
  readonly indexDocumentation?: boolean;
}

export interface EmbeddingSettings {
  /** A transformers.js feature-extraction model id, e.g. `repolens/code-embed-stub` or `Xenova/all-MiniLM-L6-v2`. */
  readonly modelId: string;
  /** Directory laid out as `<org>/<name>/...` for transformers.js `env.localModelPath`. */
  readonly modelsDir: string;
  /** Whether the hub may be used when the model is not in `modelsDir`. */
  readonly allowRemoteModels: boolean;
  readonly batchSize: number;
  /**
   * Run a static embedding model (a token table lookup) by table lookup in worker threads instead of
   * through transformers.js: the same vectors, several times faster. Default true.
   */
  readonly fastStaticPath?: boolean;
}
