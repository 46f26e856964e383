import path from 'node:path';
import type { CodeAnalysisResult } from '@repolens/contracts';
import {
  createCodeAnalysisStage,
  createEmbeddingStage,
  createInitializationStage,
  createMetadataStage,
  createStructureStage,
  loadRepositoryIndex,
  runWorkspace,
  type PipelineSettings,
  type RepositoryIndex,
} from '@repolens/pipeline';
import { BenchRun } from '../../bench/bench-context.js';

export interface AnalysedRepository {
  readonly index: RepositoryIndex;
  readonly analysis: CodeAnalysisResult;
  readonly checkoutDir: string;
  /** Wall time of the five stages. */
  readonly analyseMs: number;
}

/** The product's defaults (libs/config) with local repositories allowed, and the model under evaluation. */
export function evalSettings(dataDir: string, modelsDir: string, modelId: string): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 100_000, maxRepositoryBytes: 2 * 1024 ** 3, cloneTimeoutMs: 240_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId, modelsDir, allowRemoteModels: false, batchSize: 64 },
  };
}

/**
 * Runs the worker's five stages on a repository in this process, as `npm run bench` does (no queue,
 * no database), and loads the index they wrote the way the API loads it.
 */
export async function analyseRepository(url: string, settings: PipelineSettings): Promise<AnalysedRepository> {
  const bench = new BenchRun({ url, ref: null, accessToken: null, allowPartial: false }, (runId) => runWorkspace(settings.dataDir, runId));
  const started = performance.now();
  await bench.run(createInitializationStage(settings));
  await bench.run(createMetadataStage());
  await bench.run(createStructureStage(settings));
  const analysis = await bench.run(createCodeAnalysisStage(settings));
  const embedding = await bench.run(createEmbeddingStage(settings));
  const analyseMs = performance.now() - started;
  if (embedding.denseUnavailableReason !== null) throw new Error(`the embedding model could not be used: ${embedding.denseUnavailableReason}`);
  const index = await loadRepositoryIndex(path.join(settings.dataDir, embedding.indexPath));
  return { index, analysis, checkoutDir: bench.workspace.checkoutDir, analyseMs };
}
