import type { FileCategory, StructureFile } from '@repolens/contracts';
import { classifyFile } from '../../classification/index.js';
import { CheckoutFiles } from '../../fs/checkout-files.js';
import type { StageContext } from '../../stage.js';
import type { SkippedList } from './skipped-list.js';

/** Enough for binary sniffing, generators' headers and the line lengths of minified code. */
const HEAD_BYTES = 4096;
/** Reads in flight at once: keeps the disk busy without exhausting file descriptors. */
const CONCURRENT_READS = 16;
const REPORT_EVERY_FILES = 1_000;

export interface ListedFile {
  readonly path: string;
  readonly size: number;
  readonly language: string | null;
}

/**
 * Gives every listed file its category, reading the first 4 KB of each file within the size limit
 * (a bounded number at a time). Larger files are classified by path and noted as not read. A binary
 * file has no language: a `.ts` that is an MPEG stream is not TypeScript.
 */
export async function classifyFiles(
  ctx: StageContext,
  listed: readonly ListedFile[],
  options: { readonly maxFileBytes: number; readonly skipped: SkippedList; readonly onProgress: (done: number) => void },
): Promise<StructureFile[]> {
  const files = new CheckoutFiles(ctx.workspace.checkoutDir);
  const categories: FileCategory[] = new Array<FileCategory>(listed.length);
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    while (next < listed.length) {
      ctx.signal.throwIfAborted();
      const index = next;
      next += 1;
      const file = listed[index];
      if (file === undefined) continue;
      categories[index] = await categoryOf(files, file, options);
      done += 1;
      if (done % REPORT_EVERY_FILES === 0) options.onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, listed.length) }, worker));
  ctx.signal.throwIfAborted();

  return listed.map((file, index) => {
    const category = categories[index] ?? 'source';
    return { ...file, language: category === 'binary' ? null : file.language, category };
  });
}

async function categoryOf(
  files: CheckoutFiles,
  file: ListedFile,
  options: { readonly maxFileBytes: number; readonly skipped: SkippedList },
): Promise<FileCategory> {
  if (file.size > options.maxFileBytes) {
    options.skipped.add(file.path, `over the size limit (${file.size} bytes; the limit is ${options.maxFileBytes}): listed, not read`);
    return classifyFile(file);
  }
  if (file.size === 0) return classifyFile({ ...file, head: Buffer.alloc(0) });
  const read = await files.readHead(file.path, HEAD_BYTES);
  if ('skipped' in read) {
    options.skipped.add(file.path, `listed, but could not be read: ${read.skipped}`);
    return classifyFile(file);
  }
  return classifyFile({ ...file, size: read.size, head: read.head });
}
