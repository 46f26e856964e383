import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads files of a checkout by their repository path, refusing anything that is not a regular file
 * inside it: symlinks (also through a linked directory), paths leading outside, oversized or binary files.
 * Returns null for those, so one odd file never fails the stage.
 */
export function createCheckoutReader(checkoutDir: string, maxFileBytes: number): (repoPath: string) => Promise<string | null> {
  const rootPromise = realpath(checkoutDir);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return async (repoPath) => {
    const root = await rootPromise;
    const absolute = path.resolve(root, repoPath);
    if (path.isAbsolute(repoPath) || !isInside(root, absolute)) return null;
    try {
      const info = await lstat(absolute);
      if (!info.isFile() || info.size > maxFileBytes) return null;
      // lstat saw a regular file; a symlinked directory above it would still lead elsewhere.
      if (!isInside(root, await realpath(absolute))) return null;
      const bytes = await readFile(absolute);
      if (bytes.includes(0)) return null;
      return decoder.decode(bytes);
    } catch {
      return null; // gone or unreadable: skipped like any other odd file
    }
  };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
