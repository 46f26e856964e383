import { readlink } from 'node:fs/promises';
import path from 'node:path';

export type SymlinkTarget =
  | { readonly inside: true; readonly target: string }
  | { readonly inside: false; readonly target: string };

/**
 * Where a symlink of a checkout points, worked out from its text alone: nothing it points at is
 * touched, so a link out of the checkout is never followed, not even by a stat.
 */
export async function symlinkTarget(root: string, relativePath: string): Promise<SymlinkTarget> {
  const absoluteRoot = path.resolve(root);
  const link = path.join(absoluteRoot, relativePath);
  const target = await readlink(link);
  const resolved = path.resolve(path.dirname(link), target);
  const inside = resolved === absoluteRoot || resolved.startsWith(absoluteRoot + path.sep);
  return inside
    ? { inside: true, target: path.relative(absoluteRoot, resolved).split(path.sep).join('/') }
    : { inside: false, target };
}
