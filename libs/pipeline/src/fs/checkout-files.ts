import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decodeText } from './decode-text.js';

/** Why a file was not read; worded for a person reading the run's notes. */
export interface SkippedRead {
  readonly skipped: string;
}

export type TextFileRead = { readonly text: string; readonly encoding: string; readonly bytes: number } | SkippedRead;
export type FileHeadRead = { readonly head: Buffer; readonly size: number } | SkippedRead;

// O_NOFOLLOW: a final symlink fails the open (ELOOP) instead of being followed. O_NONBLOCK: a FIFO
// swapped in for a file cannot hang the open; regular files ignore the flag.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Reads files of one checkout by their repository paths, safely for hostile repositories: a path is
 * only read when it stays inside the root, names a regular file and reaches it through real directories
 * (no symlink, neither the file nor any directory above it). Nothing rejects: every refusal and error
 * comes back as `{ skipped: reason }`. Names are used as they are (newlines, leading dashes, any
 * Unicode normal form) and never pass through a shell.
 */
export class CheckoutFiles {
  private readonly root: string;
  private realRoot: Promise<string> | undefined;
  /** Whether each directory is reached without passing a symlink, checked once per directory. */
  private readonly directoryChecks = new Map<string, Promise<boolean>>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file as text (see `decodeText`), or why not: outside, a link, over `maxBytes`, binary, undecodable. */
  async readText(relativePath: string, options: { readonly maxBytes: number }): Promise<TextFileRead> {
    const opened = await this.open(relativePath);
    if ('skipped' in opened) return opened;
    try {
      if (opened.size > options.maxBytes) return overLimit(opened.size, options.maxBytes);
      // One byte more than allowed tells a file that grew since the stat from one that did not.
      const bytes = await readUpTo(opened.handle, options.maxBytes + 1);
      if (bytes.length > options.maxBytes) return overLimit(bytes.length, options.maxBytes);
      const decoded = decodeText(bytes);
      return 'skipped' in decoded ? decoded : { ...decoded, bytes: bytes.length };
    } catch (err) {
      return { skipped: `could not be read (${errorCode(err)})` };
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }

  /** The first `bytes` bytes of the file and its size, for cheap content checks. */
  async readHead(relativePath: string, bytes: number): Promise<FileHeadRead> {
    const opened = await this.open(relativePath);
    if ('skipped' in opened) return opened;
    try {
      return { head: await readUpTo(opened.handle, bytes), size: opened.size };
    } catch (err) {
      return { skipped: `could not be read (${errorCode(err)})` };
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }

  private async open(relativePath: string): Promise<{ handle: FileHandle; size: number } | SkippedRead> {
    const absolute = this.resolveInside(relativePath);
    if (typeof absolute !== 'string') return absolute;
    if (!(await this.isPlainDirectory(path.dirname(absolute)))) {
      return { skipped: 'inside a symbolically linked directory; not followed' };
    }
    let handle: FileHandle;
    try {
      handle = await open(absolute, OPEN_FLAGS);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ELOOP' || code === 'EMLINK') return { skipped: 'symbolic link; not followed' };
      if (code === 'ENOENT') return { skipped: 'file not found' };
      return { skipped: `could not be opened (${code})` };
    }
    try {
      const stats = await handle.stat();
      if (stats.isFile()) return { handle, size: stats.size };
    } catch {
      // fall through: closed below like any other non-file
    }
    await handle.close().catch(() => undefined);
    return { skipped: 'not a regular file' };
  }

  /** The absolute path of a repository path, or why it is refused; decided on the text alone. */
  private resolveInside(relativePath: string): string | SkippedRead {
    if (relativePath === '' || relativePath.includes('\0')) return { skipped: 'not a usable file path' };
    if (path.isAbsolute(relativePath)) return { skipped: 'absolute path; only paths inside the repository are read' };
    // `a..b.ts` is a name; only a `..` segment that climbs above the root is refused.
    const absolute = path.resolve(this.root, relativePath);
    if (!absolute.startsWith(this.root + path.sep)) return { skipped: 'path leads outside the repository' };
    return absolute;
  }

  private isPlainDirectory(directory: string): Promise<boolean> {
    let check = this.directoryChecks.get(directory);
    if (check === undefined) {
      this.realRoot ??= realpath(this.root);
      const realRoot = this.realRoot;
      check = (async () => (await realpath(directory)) === path.join(await realRoot, path.relative(this.root, directory)))()
        .catch(() => false);
      this.directoryChecks.set(directory, check);
    }
    return check;
  }
}

async function readUpTo(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function overLimit(size: number, maxBytes: number): SkippedRead {
  return { skipped: `over the size limit (${size} bytes; the limit is ${maxBytes})` };
}

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown error';
}
