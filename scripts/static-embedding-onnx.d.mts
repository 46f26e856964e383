export interface StaticEmbeddingModel {
  /** Row-major [vocabSize, dimension] token vectors. */
  readonly table: Float32Array;
  readonly vocabSize: number;
  readonly dimension: number;
  readonly graphName: string;
  readonly producerName: string;
}

export function encodeStaticEmbeddingModel(model: StaticEmbeddingModel): Uint8Array;

export function writeStaticEmbeddingModel(
  model: StaticEmbeddingModel & { readonly modelDir: string; readonly repolens: Record<string, unknown> },
): Promise<number>;

export function writeAtomically(file: string, data: string | Uint8Array): Promise<void>;
