import { AppError } from '@repolens/contracts';
import type { SimpleGit } from 'simple-git';
import { streamGit, type GitCommandOptions } from './git-command.js';

/** What a partial checkout may leave out instead of failing. */
export interface PartialCheckout {
  /** Blobs larger than this are not fetched (`--filter=blob:limit`); null fetches every blob. */
  readonly blobLimitBytes: number | null;
}

/** What a checkout left out. */
export interface LeftOut {
  /** Files whose content was over the blob limit, so never fetched; in path order. Partial checkouts only. */
  readonly largeFiles: readonly string[];
  /**
   * Set when the commit has more files, or more directories, than the file limit: only the files listed
   * (in path order) before either count reached `maxFiles` were checked out. Partial checkouts only.
   */
  readonly fileLimit: number | null;
  /**
   * Files whose path cannot or may not be checked out here, in path order: a name over 255 bytes or a path
   * over 4,000 (no file system here holds them), or, in partial checkouts only, more than 64 levels deep.
   * The first 1,000 are named, each cut to 1,024 characters (see keptPath).
   */
  readonly unwritablePaths: readonly string[];
  /** How many files `unwritablePaths` stands for, those past the first 1,000 included. */
  readonly unwritableCount: number;
}

export const NOTHING_LEFT_OUT: LeftOut = { largeFiles: [], fileLimit: null, unwritablePaths: [], unwritableCount: 0 };

// Linux's NAME_MAX, and PATH_MAX less room for the checkout directory (git writes paths relative to it).
// Both are below MAX_RECORD_CHARS, so an ls-tree record cut short always reads as unwritable.
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 4000;
// Deeper than any real project; a repository of one shared chain of directories, hundreds deep under
// many names, packs into a few KiB and checks out into hundreds of thousands of directories.
const MAX_PATH_DEPTH = 64;
// What is kept of the paths left out: a hostile tree can have as many as the file limit, each 8 KiB long.
const KEPT_PATHS = 1000;
const KEPT_PATH_CHARS = 1024;

export interface CheckoutWorktreeOptions {
  /** Runs git in the new repository, without network access. */
  readonly git: SimpleGit;
  readonly gitOptions: GitCommandOptions;
  /**
   * The most files, and separately the most directories, checked out; null: no limit. Directories have a
   * budget of their own (rather than sharing one with files), so a commit within the file limit is never
   * refused for its directories, which real projects have far fewer of, while a tree of nested directories
   * (empty ones cost as much disk as small files) stops at the same number.
   */
  readonly maxFiles: number | null;
  /** Null: over `maxFiles` files or directories, or a path over 64 levels deep, fails with TOO_MANY_FILES. */
  readonly partial: PartialCheckout | null;
}

/**
 * Fills the work tree of a repository cloned with `--no-checkout` from HEAD. The file list is read first,
 * streamed, so a tree with millions of entries, or one of directories nested without end, fails (or is
 * cut) before anything is written; a checkout that must leave files out (too many, too deep, or blobs a
 * partial clone did not fetch) writes only the chosen files, so git never fetches a missing blob on demand.
 */
export async function checkoutWorktree(opts: CheckoutWorktreeOptions): Promise<LeftOut> {
  const { maxFiles, partial } = opts;
  const listing = await listTree(opts.gitOptions, maxFiles, partial !== null);
  const { files, unwritablePaths, unwritableCount, overFileLimit } = listing;
  if (partial === null && listing.tooDeep) {
    throw new AppError('TOO_MANY_FILES', `The repository has paths more than ${MAX_PATH_DEPTH} levels deep, deeper than this server checks out.`);
  }
  if (partial === null && overFileLimit !== null) {
    throw new AppError('TOO_MANY_FILES', `The repository has more than ${maxFiles ?? 0} ${overFileLimit}, the limit of this server.`);
  }

  const missing = partial?.blobLimitBytes == null ? new Set<string>() : await missingBlobs(opts.gitOptions);
  const largeFiles = files.filter((file) => missing.has(file.oid)).map((file) => file.path);
  const fileLimit = overFileLimit === null ? null : maxFiles;
  const leftOut: LeftOut = { largeFiles, fileLimit, unwritablePaths, unwritableCount };
  // A full checkout writes every entry, deep gitlinks too.
  if (largeFiles.length === 0 && fileLimit === null && unwritableCount === 0 && !listing.tooDeep) {
    await streamGit(opts.gitOptions, ['checkout', '--progress', '--force']);
    return leftOut;
  }

  // The index gets every entry (trees only are read), the work tree only the chosen files.
  await opts.git.raw(['read-tree', 'HEAD']);
  const chosen = files.filter((file) => !missing.has(file.oid)).map((file) => `${file.path}\0`);
  await streamGit(opts.gitOptions, ['checkout-index', '--force', '-z', '--stdin'], { input: chosen.join('') });
  return leftOut;
}

interface TreeListing {
  /** The files to check out, in path order. */
  readonly files: Array<{ oid: string; path: string }>;
  readonly unwritablePaths: string[];
  readonly unwritableCount: number;
  /** What reached the file limit first, when one did; the listing stops there. */
  readonly overFileLimit: 'files' | 'directories' | null;
  /** Whether some path was deeper than MAX_PATH_DEPTH (left out when `leaveOutDeep`, else the listing stops). */
  readonly tooDeep: boolean;
}

/**
 * Reads the files of HEAD (`ls-tree -r`), counting the files and the directories a checkout of them would
 * make. ls-tree walks the tree depth first, so the entries under a directory come together: the
 * directories an entry adds are those of its path past what it shares with the entry before.
 */
async function listTree(gitOptions: GitCommandOptions, maxFiles: number | null, leaveOutDeep: boolean): Promise<TreeListing> {
  const files: Array<{ oid: string; path: string }> = [];
  const unwritablePaths: string[] = [];
  let unwritableCount = 0;
  let directories = 0;
  let previousDirectories: string[] = [];
  let overFileLimit: TreeListing['overFileLimit'] = null;
  let tooDeep = false;
  await streamGit(gitOptions, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], {
    onRecord(record) {
      // `<mode> <type> <oid>\t<path>`. Submodules (type `commit`) are gitlinks, never fetched, but a full
      // checkout makes an empty directory for each, so they count as directories.
      const tab = record.indexOf('\t');
      const [, type = '', oid = ''] = record.slice(0, tab).split(' ');
      if (tab === -1 || (type !== 'blob' && type !== 'commit')) return true;
      if (maxFiles !== null && type === 'blob' && files.length + unwritableCount >= maxFiles) {
        overFileLimit = 'files';
        return false;
      }
      const file = record.slice(tab + 1);
      const names = file.split('/');
      if (names.length > MAX_PATH_DEPTH) {
        tooDeep = true;
        if (!leaveOutDeep) return false;
        if (type === 'blob') unwritableCount = leaveOut(unwritablePaths, unwritableCount, file);
        return true;
      }
      // A very long path (a tree bomb) would fail the whole checkout; it is left out instead.
      if (type === 'blob' && !isWritablePath(names, file)) {
        unwritableCount = leaveOut(unwritablePaths, unwritableCount, file);
        return true;
      }
      const entryDirectories = type === 'blob' ? names.slice(0, -1) : names;
      let shared = 0;
      while (shared < entryDirectories.length && entryDirectories[shared] === previousDirectories[shared]) shared += 1;
      if (maxFiles !== null && directories + entryDirectories.length - shared > maxFiles) {
        overFileLimit = 'directories';
        return false;
      }
      directories += entryDirectories.length - shared;
      previousDirectories = entryDirectories;
      if (type === 'blob') files.push({ oid, path: file });
      return true;
    },
  });
  return { files, unwritablePaths, unwritableCount, overFileLimit, tooDeep };
}

/** Records a path left out, keeping at most KEPT_PATHS of them; returns the new count. */
function leaveOut(kept: string[], count: number, file: string): number {
  if (kept.length < KEPT_PATHS) kept.push(keptPath(file));
  return count + 1;
}

/** A path as kept in a note: whole up to KEPT_PATH_CHARS, else its start and end around an ellipsis. */
function keptPath(file: string): string {
  if (file.length <= KEPT_PATH_CHARS) return file;
  const half = KEPT_PATH_CHARS / 2;
  return `${file.slice(0, half)}…${file.slice(-(half - 1))}`;
}

/** Objects reachable from HEAD that a partial clone left out; listing them fetches nothing. */
async function missingBlobs(gitOptions: GitCommandOptions): Promise<Set<string>> {
  const missing = new Set<string>();
  await streamGit(gitOptions, ['rev-list', '--objects', '--missing=print', '--no-object-names', 'HEAD'], {
    separator: '\n',
    onRecord(line) {
      if (line.startsWith('?')) missing.add(line.slice(1).trim());
      return true;
    },
  });
  return missing;
}

function isWritablePath(names: readonly string[], file: string): boolean {
  return Buffer.byteLength(file) <= MAX_PATH_BYTES && names.every((name) => Buffer.byteLength(name) <= MAX_NAME_BYTES);
}
