import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a file of a checkout by its relative path, refusing paths that leave the root, a final symlink
 * (O_NOFOLLOW) and a symlinked directory on the way (checked with realpath). Fails with a clear message
 * when the file is larger than `maxBytes`. For reads that should never throw, and for text in any
 * encoding, use `readTextFile` or `CheckoutFiles`.
 */
export async function readFileInside(root: string, relativePath: string, maxBytes: number): Promise<Buffer> {
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, relativePath);
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + path.sep)) {
    throw new Error(`${relativePath} is outside the checkout`);
  }
  const directory = path.dirname(target);
  if (directory !== absoluteRoot) {
    const [realDirectory, realRoot] = await Promise.all([realpath(directory), realpath(absoluteRoot)]);
    if (realDirectory !== path.join(realRoot, path.relative(absoluteRoot, directory))) {
      throw new Error(`${relativePath} is inside a symbolically linked directory`);
    }
  }
  // O_NONBLOCK: a FIFO in place of a file cannot hang the open; regular files ignore it.
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${relativePath} is not a regular file`);
    if (stats.size > maxBytes) throw new Error(`${relativePath} is larger than ${maxBytes} bytes`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
