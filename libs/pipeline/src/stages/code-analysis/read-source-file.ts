import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type SourceFileRead =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: number }
  | { readonly kind: 'skipped'; readonly reason: string; readonly bytes: number };

export type SourceFileReader = (relativePath: string) => SourceFileRead;

/** Where a run's files are read from, and how large one may be. */
export interface SourceFiles {
  readonly checkoutDir: string;
  readonly maxFileBytes: number;
}

/**
 * Reads checkout files as UTF-8 text, refusing what must not be parsed: paths that leave the checkout,
 * symlinks (the file or any directory on its way), non-regular files, files over the size limit and
 * binary files. A read never throws: every problem comes back as a `skipped` reason.
 *
 * Reads are synchronous on purpose: the files were just cloned and sit in the page cache, where a
 * read takes tens of microseconds, while an asynchronous read needs the thread between each of its
 * steps (stat, open, read, close) and so waits for every parse in between.
 */
export function createSourceFileReader({ checkoutDir, maxFileBytes }: SourceFiles): SourceFileReader {
  const root = path.resolve(checkoutDir);
  // Whether each directory is reached without passing a symlink, checked once per directory.
  const directoryChecks = new Map<string, boolean>();
  let realRoot: string | undefined;

  const isPlainDirectory = (directory: string): boolean => {
    let plain = directoryChecks.get(directory);
    if (plain === undefined) {
      try {
        realRoot ??= realpathSync(root);
        plain = realpathSync(directory) === path.join(realRoot, path.relative(root, directory));
      } catch {
        plain = false;
      }
      directoryChecks.set(directory, plain);
    }
    return plain;
  };

  return (relativePath) => {
    try {
      const absolute = path.resolve(root, relativePath);
      if (!absolute.startsWith(root + path.sep)) return skipped('outside the checkout', 0);
      const stat = lstatSync(absolute);
      if (stat.isSymbolicLink()) return skipped('symbolic link', 0);
      if (!stat.isFile()) return skipped('not a regular file', 0);
      if (stat.size > maxFileBytes) return skipped(`${stat.size} bytes is over the ${maxFileBytes}-byte limit`, stat.size);
      // lstat only vouches for the last path component; a symlinked directory above it could lead out.
      if (!isPlainDirectory(path.dirname(absolute))) return skipped('inside a symbolically linked directory', stat.size);
      const buffer = readFileSync(absolute);
      if (buffer.length > maxFileBytes) return skipped(`${buffer.length} bytes is over the ${maxFileBytes}-byte limit`, buffer.length);
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
