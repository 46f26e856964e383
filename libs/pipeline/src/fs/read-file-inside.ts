import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a file of a checkout by its relative path, refusing paths that leave the root and a final
 * symlink (O_NOFOLLOW); directories above it come from a walk that never enters symlinks.
 * Fails with a clear message when the file is larger than `maxBytes`.
 */
export async function readFileInside(root: string, relativePath: string, maxBytes: number): Promise<Buffer> {
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, relativePath);
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + path.sep)) {
    throw new Error(`${relativePath} is outside the checkout`);
  }
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${relativePath} is not a regular file`);
    if (stats.size > maxBytes) throw new Error(`${relativePath} is larger than ${maxBytes} bytes`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
