import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodeAnalysisResult, FileCategory, StructureResult } from '@repolens/contracts';
import { createRecordingContext, type RecordingContext } from '../../../git/testing/recording-context.js';

export interface PreparedRunOptions {
  /** Each file is `source` unless named here. */
  readonly categories?: Record<string, FileCategory>;
  /** The blob id the structure result gives a file; none when absent or undefined. */
  readonly blobIdOf?: (path: string, content: string | Buffer) => string | undefined;
  /** The previous run's analysis, offered to this one for reuse. */
  readonly previous?: CodeAnalysisResult;
  readonly signal?: AbortSignal;
}

/** A code_analysis run: `files` written into its checkout, and a structure result that lists them. */
export async function prepareCodeAnalysisRun(
  dataDir: string,
  files: Record<string, string | Buffer>,
  options: PreparedRunOptions = {},
): Promise<{ ctx: RecordingContext; structure: StructureResult }> {
  const structure: StructureResult = {
    files: Object.entries(files).map(([file, content]) => {
      const blobId = options.blobIdOf?.(file, content);
      return {
        path: file,
        size: Buffer.byteLength(content),
        language: null,
        category: options.categories?.[file] ?? 'source',
        ...(blobId === undefined ? {} : { blobId }),
      };
    }),
    totalFiles: Object.keys(files).length,
    totalBytes: 0,
    directories: 0,
    languages: [],
    keyDirectories: [],
    largestFiles: [],
    maxDepth: 1,
    categories: { source: 0, test: 0, docs: 0, config: 0, generated: 0, vendored: 0, binary: 0 },
    skipped: [],
  };
  const ctx = createRecordingContext({
    dataDir,
    runId: randomUUID(),
    request: { url: 'file:///fixture', ref: null, accessToken: null, allowPartial: false },
    results: { structure },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.previous === undefined ? {} : { previousResults: { code_analysis: options.previous } }),
  });
  for (const [file, content] of Object.entries(files)) {
    const absolute = path.join(ctx.workspace.checkoutDir, file);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
  return { ctx, structure };
}
