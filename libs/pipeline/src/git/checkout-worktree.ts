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
  /** Set when the commit has more files than the file limit: only the first `maxFiles` (in path order) were checked out. Partial checkouts only. */
  readonly fileLimit: number | null;
  /** Files whose path no file system here can hold (a name over 255 bytes, a path over 4,000), in path order. */
  readonly unwritablePaths: readonly string[];
}

export const NOTHING_LEFT_OUT: LeftOut = { largeFiles: [], fileLimit: null, unwritablePaths: [] };

// Linux's NAME_MAX, and PATH_MAX less room for the checkout directory (git writes paths relative to it).
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 4000;

export interface CheckoutWorktreeOptions {
  /** Runs git in the new repository, without network access. */
  readonly git: SimpleGit;
  readonly gitOptions: GitCommandOptions;
  /** Null: no limit on the number of files. */
  readonly maxFiles: number | null;
  /** Null: over `maxFiles` fails with TOO_MANY_FILES. */
  readonly partial: PartialCheckout | null;
}

/**
 * Fills the work tree of a repository cloned with `--no-checkout` from HEAD. The file list is read first,
 * streamed, so a tree with millions of entries fails (or is cut) before anything is written; a checkout
 * that must leave files out (too many, or blobs a partial clone did not fetch) writes only the chosen
 * files, so git never fetches a missing blob on demand.
 */
export async function checkoutWorktree(opts: CheckoutWorktreeOptions): Promise<LeftOut> {
  const { maxFiles, partial } = opts;
  const files: Array<{ oid: string; path: string }> = [];
  const unwritablePaths: string[] = [];
  let overFileLimit = false;
  await streamGit(opts.gitOptions, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], {
    onRecord(record) {
      // `<mode> <type> <oid>\t<path>`; submodules (type `commit`) are gitlinks, not files, and never fetched.
      const tab = record.indexOf('\t');
      const [, type = '', oid = ''] = record.slice(0, tab).split(' ');
      if (tab === -1 || type !== 'blob') return true;
      if (maxFiles !== null && files.length + unwritablePaths.length >= maxFiles) {
        overFileLimit = true;
        return false;
      }
      const file = record.slice(tab + 1);
      // A very deep or long path (a tree bomb) would fail the whole checkout; it is left out instead.
      if (isWritablePath(file)) files.push({ oid, path: file });
      else unwritablePaths.push(file);
      return true;
    },
  });
  if (overFileLimit && partial === null) {
    throw new AppError('TOO_MANY_FILES', `The repository has more than ${maxFiles ?? 0} files, the limit of this server.`);
  }

  const missing = partial?.blobLimitBytes == null ? new Set<string>() : await missingBlobs(opts.gitOptions);
  const largeFiles = files.filter((file) => missing.has(file.oid)).map((file) => file.path);
  const leftOut: LeftOut = { largeFiles, fileLimit: overFileLimit ? maxFiles : null, unwritablePaths };
  if (largeFiles.length === 0 && !overFileLimit && unwritablePaths.length === 0) {
    await opts.git.raw(['checkout', '--progress', '--force']);
    return leftOut;
  }

  // The index gets every entry (trees only are read), the work tree only the chosen files.
  await opts.git.raw(['read-tree', 'HEAD']);
  const chosen = files.filter((file) => !missing.has(file.oid)).map((file) => `${file.path}\0`);
  await streamGit(opts.gitOptions, ['checkout-index', '--force', '-z', '--stdin'], { input: chosen.join('') });
  return leftOut;
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

function isWritablePath(file: string): boolean {
  return Buffer.byteLength(file) <= MAX_PATH_BYTES && file.split('/').every((name) => Buffer.byteLength(name) <= MAX_NAME_BYTES);
}
