import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { BlobIdSchema } from '@repolens/contracts';
import { streamGit } from './git-command.js';

/**
 * Git's blob id of every file committed at HEAD of a checkout, by repository path: the content hash a
 * later run compares to tell an unchanged file without reading it. Empty when `dir` is not a git checkout
 * (nothing is then reused). Local only: the call has no transport, so it can never reach a remote.
 */
export async function listBlobIds(dir: string, signal: AbortSignal): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const gitDir = await lstat(path.join(dir, '.git')).catch(() => null);
  if (gitDir === null || !gitDir.isDirectory()) return ids;
  await streamGit({ baseDir: dir, kind: 'local', signal }, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], {
    onRecord(record) {
      // `<mode> <type> <oid>\t<path>`; symlinks are blobs too, but never listed as files, so never looked up.
      const tab = record.indexOf('\t');
      if (tab === -1) return true;
      const [, type, oid] = record.slice(0, tab).split(' ');
      if (type === 'blob' && oid !== undefined && BlobIdSchema.safeParse(oid).success) ids.set(record.slice(tab + 1), oid);
      return true;
    },
  });
  return ids;
}
