import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ChunkSchema, type StructureResult } from '@repolens/contracts';
import { INDEX_FILES } from '../../search/index-manifest.js';
import type { PreviousChunks } from '../../search/reusable-chunks.js';
import type { StageContext } from '../../stage.js';
import { resolveIndexDir } from '../../workspace.js';

/**
 * The previous run's chunks, with the blob ids of the files they were cut from and what they were cut
 * with; null when there is no previous run, it recorded none of that, or its index is gone (cleaned away):
 * then every file is cut again. Only ever an optimisation: a failure is logged, never thrown.
 */
export async function loadPreviousChunks(ctx: StageContext, dataDir: string): Promise<PreviousChunks | null> {
  const previousRun = ctx.previousRun;
  if (previousRun === undefined) return null;
  try {
    const [embedding, structure] = await Promise.all([previousRun.result('embedding'), previousRun.result('structure')]);
    if (embedding?.reuse === undefined || structure === null) return null;
    const file = path.join(resolveIndexDir(dataDir, embedding.indexPath), INDEX_FILES.chunks);
    const chunks = ChunkSchema.array().parse(JSON.parse(await readFile(file, 'utf8')));
    return {
      chunks,
      blobIds: blobIdsOf(structure),
      conditions: { ...embedding.reuse, modelId: embedding.model?.id ?? null },
    };
  } catch (err) {
    ctx.signal.throwIfAborted();
    ctx.log.warn({ err }, 'could not load the previous run\'s chunks; cutting every file again');
    return null;
  }
}

/** The blob id of each listed file git tracks, by path. */
export function blobIdsOf(structure: StructureResult): Map<string, string> {
  const blobIds = new Map<string, string>();
  for (const file of structure.files) if (file.blobId !== undefined) blobIds.set(file.path, file.blobId);
  return blobIds;
}
