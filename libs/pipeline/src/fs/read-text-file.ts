import { CheckoutFiles, type FileHeadRead, type TextFileRead } from './checkout-files.js';

export type { FileHeadRead, SkippedRead, TextFileRead } from './checkout-files.js';

/**
 * One file of a checkout as text, or `{ skipped: reason }`: never through a symlink (the file or a
 * directory above it), never outside `root`, never binary, over `maxBytes` or undecodable. To read many
 * files of one checkout, keep a `CheckoutFiles`: it checks each directory once.
 */
export function readTextFile(root: string, relativePath: string, options: { readonly maxBytes: number }): Promise<TextFileRead> {
  return new CheckoutFiles(root).readText(relativePath, options);
}

/** The first `bytes` bytes of one file of a checkout, under the same rules as `readTextFile`. */
export function readFileHead(root: string, relativePath: string, bytes: number): Promise<FileHeadRead> {
  return new CheckoutFiles(root).readHead(relativePath, bytes);
}
