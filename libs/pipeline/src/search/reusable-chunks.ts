import type { Chunk } from '@repolens/contracts';
import type { ChunkDraft } from './chunk-text.js';

/**
 * The version of how files are cut into chunks. Bump it whenever the same file would be cut differently
 * (budgets, labels, header lines, splitting, merging): chunks cut by another version are never reused.
 */
export const CHUNKER_VERSION = 1;

/** What the previous run's chunks were cut with, and what this run cuts with. */
export interface ChunkingConditions {
  readonly chunkerVersion: number;
  /** The code analysis version whose symbols the code chunks follow; null when unknown. */
  readonly analyzerVersion: number | null;
  /** The embedding model whose tokenizer sized the chunks; null: the approximate counter (no model). */
  readonly modelId: string | null;
  /** Files over this size were not read, so had no chunks. */
  readonly maxFileBytes: number;
}

export interface PreviousChunks {
  /** The previous run's chunks, in their order. */
  readonly chunks: readonly Chunk[];
  /** Blob ids of the files those chunks were cut from, by path (the previous run's structure). */
  readonly blobIds: ReadonlyMap<string, string>;
  readonly conditions: ChunkingConditions;
}

/** An unchanged code file's chunks; `lineCount` for its file summary, known whenever it has one. */
export interface ReusableCodeChunks {
  readonly code: readonly ChunkDraft[];
  readonly lineCount: number | null;
}

export interface ReusableChunks {
  /** The code chunks of a code file whose content did not change; undefined: read and cut it. */
  codeFile(path: string): ReusableCodeChunks | undefined;
  /** The chunks of a documentation file (other than the README) whose content did not change. */
  documentationFile(path: string): readonly ChunkDraft[] | undefined;
  /** Files whose chunks were taken so far. */
  readonly filesReused: number;
}

export const NO_REUSABLE_CHUNKS: ReusableChunks = { codeFile: () => undefined, documentationFile: () => undefined, filesReused: 0 };

interface FileChunks {
  readonly code: ChunkDraft[];
  readonly docs: ChunkDraft[];
  summary: ChunkDraft | undefined;
}

/**
 * The previous run's chunks of each file whose blob id is the same now, cut under the same conditions:
 * the chunks of a file depend only on its content, its analysis (same content, same analyser version)
 * and the model's tokenizer. What depends on other files is made anew: file summaries (who imports the
 * file), README sections and the project summaries. A file that had no chunks is cut again.
 */
export function reusableChunks(previous: PreviousChunks | null, current: { readonly blobIds: ReadonlyMap<string, string>; readonly conditions: ChunkingConditions }): ReusableChunks {
  if (previous === null || !sameConditions(previous.conditions, current.conditions)) return NO_REUSABLE_CHUNKS;
  const byPath = new Map<string, FileChunks>();
  for (const { id: _id, ...draft } of previous.chunks) {
    const blobId = current.blobIds.get(draft.path);
    if (blobId === undefined || previous.blobIds.get(draft.path) !== blobId) continue;
    let file = byPath.get(draft.path);
    if (file === undefined) byPath.set(draft.path, (file = { code: [], docs: [], summary: undefined }));
    if (draft.kind === 'code') file.code.push(draft);
    else if (draft.kind === 'docs') file.docs.push(draft);
    // A file summary has the file's language; the project summaries (cited at the README or a manifest) have none.
    else if (draft.kind === 'summary' && draft.language !== null) file.summary = draft;
  }
  let filesReused = 0;
  return {
    codeFile(path) {
      const file = byPath.get(path);
      if (file === undefined || file.code.length === 0) return undefined;
      // Only a file cut into several chunks has a summary, and its summary spans the whole file.
      const lineCount = file.summary?.endLine ?? null;
      if (file.code.length > 1 && lineCount === null) return undefined;
      filesReused += 1;
      return { code: file.code, lineCount };
    },
    documentationFile(path) {
      const file = byPath.get(path);
      if (file === undefined || file.docs.length === 0) return undefined;
      filesReused += 1;
      return file.docs;
    },
    get filesReused() {
      return filesReused;
    },
  };
}

function sameConditions(a: ChunkingConditions, b: ChunkingConditions): boolean {
  return (
    a.chunkerVersion === b.chunkerVersion &&
    a.analyzerVersion !== null &&
    a.analyzerVersion === b.analyzerVersion &&
    a.modelId === b.modelId &&
    a.maxFileBytes === b.maxFileBytes
  );
}
