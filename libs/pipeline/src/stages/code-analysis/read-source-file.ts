import { promises as fs } from 'node:fs';
import path from 'node:path';

export type SourceFileRead =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: number }
  | { readonly kind: 'skipped'; readonly reason: string; readonly bytes: number };

export type SourceFileReader = (relativePath: string) => Promise<SourceFileRead>;

/**
 * Reads checkout files as UTF-8 text, refusing what must not be parsed: paths that leave the checkout,
 * symlinks (the file or any directory on its way), non-regular files, files over the size limit and
 * binary files. A read never rejects: every problem comes back as a `skipped` reason, so reads started
 * ahead of time cannot go unhandled.
 */
export function createSourceFileReader(checkoutDir: string, maxBytes: number): SourceFileReader {
  const root = path.resolve(checkoutDir);
  // Whether each directory is reached without passing a symlink, checked once per directory.
  const directoryChecks = new Map<string, Promise<boolean>>();
  let realRoot: Promise<string> | undefined;

  const isPlainDirectory = (directory: string): Promise<boolean> => {
    let check = directoryChecks.get(directory);
    if (check === undefined) {
      realRoot ??= fs.realpath(root);
      const rootPromise = realRoot;
      check = (async () => {
        const real = await fs.realpath(directory);
        return real === path.join(await rootPromise, path.relative(root, directory));
      })().catch(() => false);
      directoryChecks.set(directory, check);
    }
    return check;
  };

  return async (relativePath) => {
    try {
      const absolute = path.resolve(root, relativePath);
      if (!absolute.startsWith(root + path.sep)) return skipped('outside the checkout', 0);
      const stat = await fs.lstat(absolute);
      if (stat.isSymbolicLink()) return skipped('symbolic link', 0);
      if (!stat.isFile()) return skipped('not a regular file', 0);
      if (stat.size > maxBytes) return skipped(`${stat.size} bytes is over the ${maxBytes}-byte limit`, stat.size);
      // lstat only vouches for the last path component; a symlinked directory above it could lead out.
      if (!(await isPlainDirectory(path.dirname(absolute)))) return skipped('inside a symbolically linked directory', stat.size);
      const buffer = await fs.readFile(absolute);
      if (buffer.length > maxBytes) return skipped(`${buffer.length} bytes is over the ${maxBytes}-byte limit`, buffer.length);
      if (buffer.includes(0)) return skipped('binary file', buffer.length);
      return { kind: 'text', text: buffer.toString('utf8'), bytes: buffer.length };
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return skipped(`could not be read (${code})`, 0);
    }
  };
}

function skipped(reason: string, bytes: number): SourceFileRead {
  return { kind: 'skipped', reason, bytes };
}
