import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../../fs/decode-text.js';

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
 * Reads checkout files as text (UTF-8, or another encoding when the bytes say so), refusing what must not be parsed: paths that leave the checkout,
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
    let fd: number | undefined;
    try {
      const absolute = path.resolve(root, relativePath);
      if (!absolute.startsWith(root + path.sep)) return skipped('outside the checkout', 0);
      // Opened without following a final symlink (and without blocking on a FIFO), then checked through
      // the open descriptor: nothing can be swapped in between the check and the read.
      try {
        fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ELOOP') return skipped('symbolic link', 0);
        throw error;
      }
      const stat = fstatSync(fd);
      if (!stat.isFile()) return skipped('not a regular file', 0);
      if (stat.size > maxFileBytes) return skipped(`${stat.size} bytes is over the ${maxFileBytes}-byte limit`, stat.size);
      // O_NOFOLLOW only vouches for the last path component; a symlinked directory above it could lead out.
      if (!isPlainDirectory(path.dirname(absolute))) return skipped('inside a symbolically linked directory', stat.size);
      const buffer = readAtMost(fd, Math.min(stat.size, maxFileBytes) + 1);
      if (buffer.length > maxFileBytes) return skipped(`${buffer.length} bytes is over the ${maxFileBytes}-byte limit`, buffer.length);
      // Nearly every file is plain UTF-8: checked natively, decoded directly.
      if (!buffer.includes(0) && isUtf8(buffer)) return { kind: 'text', text: withoutBom(buffer.toString('utf8')), bytes: buffer.length };
      // The rest: UTF-16 with a byte order mark, a legacy encoding (Latin-1, Shift_JIS…), or binary.
      const decoded = decodeText(buffer);
      if ('skipped' in decoded) return skipped(decoded.skipped, buffer.length);
      return { kind: 'text', text: decoded.text, bytes: buffer.length };
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return skipped(`could not be read (${code})`, 0);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

/** Reads up to `limit` bytes: a file that grew after its stat cannot make the read unbounded. */
function readAtMost(fd: number, limit: number): Buffer {
  const buffer = Buffer.allocUnsafe(limit);
  let filled = 0;
  while (filled < limit) {
    const read = readSync(fd, buffer, filled, limit - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function skipped(reason: string, bytes: number): SourceFileRead {
  return { kind: 'skipped', reason, bytes };
}
