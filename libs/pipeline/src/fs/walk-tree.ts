import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** One thing found under the walked root; `path` is relative and `/`-separated. */
export type TreeEntry =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  | { readonly kind: 'symlink'; readonly path: string }
  /** FIFOs, sockets, devices. */
  | { readonly kind: 'special'; readonly path: string }
  /** Something that cannot be listed or named safely; `reason` says why. */
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

export interface WalkTreeOptions {
  readonly signal?: AbortSignal;
  /** Called before a directory's entries are read (the root is `''`), e.g. to load its `.gitignore`. */
  readonly onDirectory?: (dirPath: string) => Promise<void>;
  /** True leaves an entry out altogether; an excluded directory is not entered. */
  readonly exclude?: (entryPath: string, isDirectory: boolean) => boolean;
  /** Directories deeper than this (the root is 0) are reported but not entered. */
  readonly maxDepth?: number;
}

// Names that cannot be carried through paths, citations and JSON intact.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Walks a directory tree in name order without following symbolic links, always skipping `.git`.
 * Symlinks are reported as such and never entered, so nothing outside the root is ever read.
 */
export async function* walkTree(root: string, options: WalkTreeOptions = {}): AsyncGenerator<TreeEntry> {
  yield* walkDirectory(root, '', 0, options);
}

async function* walkDirectory(root: string, dirPath: string, depth: number, options: WalkTreeOptions): AsyncGenerator<TreeEntry> {
  options.signal?.throwIfAborted();
  await options.onDirectory?.(dirPath);
  let entries;
  try {
    entries = await readdir(path.join(root, dirPath), { withFileTypes: true });
  } catch (err) {
    yield { kind: 'unreadable', path: dirPath, reason: `directory could not be read (${errorCode(err)})` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const entryPath = dirPath === '' ? entry.name : `${dirPath}/${entry.name}`;
    // Node decodes a name that is not UTF-8 with U+FFFD, and such a path no longer names the file.
    if (entry.name.includes('\uFFFD')) {
      yield { kind: 'unreadable', path: entryPath, reason: 'file name is not valid UTF-8' };
      continue;
    }
    if (CONTROL_CHARACTERS.test(entry.name)) {
      yield { kind: 'unreadable', path: entryPath, reason: 'file name contains control characters' };
      continue;
    }
    const isDirectory = entry.isDirectory();
    if (options.exclude?.(entryPath, isDirectory) === true) continue;

    if (entry.isSymbolicLink()) {
      yield { kind: 'symlink', path: entryPath };
    } else if (isDirectory) {
      yield { kind: 'directory', path: entryPath };
      if (options.maxDepth === undefined || depth + 1 <= options.maxDepth) {
        yield* walkDirectory(root, entryPath, depth + 1, options);
      }
    } else if (entry.isFile()) {
      const stats = await lstat(path.join(root, entryPath)).catch(() => null);
      if (stats?.isFile() === true) yield { kind: 'file', path: entryPath, size: stats.size };
      else yield { kind: 'unreadable', path: entryPath, reason: 'file changed or vanished while it was listed' };
    } else {
      yield { kind: 'special', path: entryPath };
    }
  }
}

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown error';
}
