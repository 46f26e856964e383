import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { AppError } from '@repolens/contracts';
import type { EmbeddingSettings } from '../settings.js';
import { expandIdentifiers } from './split-identifiers.js';
import { probeStaticModel } from './static-model.js';
import { StaticModelRuntime } from './static-runtime.js';
import { modelTokenBudget, tokenCounterFor, type TokenCounter } from './token-counter.js';

/** Turns texts into unit-length vectors with one feature-extraction model. */
export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  /** One vector per text; a text the model cannot represent (e.g. empty) gets a zero vector. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** The model's own token count and length, to cut chunks it reads whole; absent where unknown. */
  readonly tokens?: TokenCounter;
}

/** A model run by transformers.js (any feature-extraction model), or a static one run by table lookup. */
type LoadedModel =
  | { readonly kind: 'transformers'; readonly extractor: FeatureExtractionPipeline; readonly dimension: number; readonly tokens: TokenCounter }
  | { readonly kind: 'static'; readonly runtime: StaticModelRuntime; readonly dimension: number; readonly tokens: TokenCounter };

/** One loading promise per model and location, so every caller in a process shares one model. */
const loadedModels = new Map<string, Promise<LoadedModel>>();
/** transformers.js `env` is global: loads run one at a time so each sees its own settings. */
let loadQueue: Promise<unknown> = Promise.resolve();

/**
 * Loads a transformers.js feature-extraction model by id, from `settings.modelsDir` or (when allowed)
 * the hub, exactly as any hub model is loaded. A static embedding model in `settings.modelsDir` (a
 * table lookup; see static-graph.ts) is run by table lookup in worker threads instead, giving the
 * same vectors several times faster, unless `settings.fastStaticPath` is false.
 * Throws `EMBEDDING_MODEL_UNAVAILABLE` when the model cannot be loaded.
 */
export async function loadEmbedder(settings: EmbeddingSettings): Promise<Embedder> {
  const fastStaticPath = settings.fastStaticPath ?? true;
  const key = JSON.stringify([settings.modelsDir, settings.modelId, settings.allowRemoteModels, fastStaticPath]);
  let loading = loadedModels.get(key);
  if (loading === undefined) {
    loading = loadModel(settings, fastStaticPath);
    loadedModels.set(key, loading);
    // A failed load is not cached: the model may be installed later.
    loading.catch(() => loadedModels.delete(key));
  }
  let model: LoadedModel;
  try {
    model = await loading;
  } catch (error) {
    const reason = hideModelsDir(error instanceof Error ? error.message : String(error), settings.modelsDir);
    throw new AppError('EMBEDDING_MODEL_UNAVAILABLE', `Could not load embedding model ${settings.modelId}: ${reason}`, {
      cause: error,
    });
  }
  return createEmbedder(settings.modelId, model, settings.batchSize);
}

/** The models directory is a server path: the message names it instead of showing it. */
function hideModelsDir(message: string, modelsDir: string): string {
  const dir = modelsDir.replace(/[\\/]+$/, '');
  return dir === '' ? message : message.replaceAll(dir, '<models dir>');
}

function enqueueLoad<T>(load: () => Promise<T>): Promise<T> {
  const next = loadQueue.then(load, load);
  loadQueue = next.catch(() => undefined);
  return next;
}

async function loadModel(settings: EmbeddingSettings, fastStaticPath: boolean): Promise<LoadedModel> {
  if (fastStaticPath) {
    const probe = await probeStaticModel(settings.modelsDir, settings.modelId);
    if (probe.isStatic) {
      const { tokenizer } = probe;
      const runtime = new StaticModelRuntime(probe.data, tokenizer);
      const budget = modelTokenBudget(tokenizer.maxLength, tokenizer.specialTokenCount);
      return { kind: 'static', runtime, dimension: runtime.dimension, tokens: tokenCounterFor((text) => tokenizer.countTokens(text), budget) };
    }
  }
  return enqueueLoad(() => loadTransformersModel(settings));
}

async function loadTransformersModel(settings: EmbeddingSettings): Promise<LoadedModel> {
  // Imported lazily: the library is heavy, and processes that never embed should not pay for it.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.localModelPath = settings.modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = settings.allowRemoteModels;
  const extractor = await pipeline('feature-extraction', settings.modelId);
  const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
  const dimension = probe.dims.at(-1);
  if (dimension === undefined || dimension <= 0) throw new Error('the model returned no embedding dimension');
  const { tokenizer } = extractor;
  const specialTokens = tokenizer.encode('', { add_special_tokens: true }).length;
  const budget = modelTokenBudget(tokenizer.model_max_length, specialTokens);
  const tokens = tokenCounterFor((text) => tokenizer.encode(text, { add_special_tokens: false }).length, budget);
  return { kind: 'transformers', extractor, dimension, tokens };
}

function createEmbedder(modelId: string, model: LoadedModel, batchSize: number): Embedder {
  if (model.kind === 'static') {
    return {
      modelId,
      dimension: model.dimension,
      tokens: model.tokens,
      async embed(texts, signal) {
        signal?.throwIfAborted();
        const vectors = await model.runtime.embed(texts);
        signal?.throwIfAborted();
        return vectors;
      },
    };
  }
  const size = Math.max(1, Math.floor(batchSize));
  return {
    modelId,
    dimension: model.dimension,
    tokens: model.tokens,
    async embed(texts, signal) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += size) {
        signal?.throwIfAborted();
        const batch = texts.slice(start, start + size).map(expandIdentifiers);
        const output = await model.extractor(batch, { pooling: 'mean', normalize: true });
        vectors.push(...splitRows(output.data, batch.length, model.dimension));
      }
      signal?.throwIfAborted();
      return vectors;
    },
  };
}

function splitRows(data: ArrayLike<unknown>, rows: number, dimension: number): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let row = 0; row < rows; row++) {
    const vector = new Float32Array(dimension);
    let finite = true;
    for (let d = 0; d < dimension; d++) {
      const value = Number(data[row * dimension + d]);
      if (!Number.isFinite(value)) finite = false;
      vector[d] = value;
    }
    // Text with no meaningful tokens pools to 0/0; a zero vector says "nothing here" instead of NaN.
    vectors.push(finite ? vector : new Float32Array(dimension));
  }
  return vectors;
}

/** True for the zero vector `embed` returns when a text has nothing the model can represent. */
export function isZeroVector(vector: Float32Array): boolean {
  return vector.every((value) => value === 0);
}
