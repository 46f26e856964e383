import type { Stats } from 'node:fs';
import { lstat, readdir, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { runWorkspace } from '@repolens/pipeline';

export type ArtefactKind = 'checkout' | 'index';
export const ARTEFACT_KINDS: readonly ArtefactKind[] = ['checkout', 'index'];

/** Run ids are UUIDs; a directory named anything else was not made by a run and is never removed. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isRunId(name: string): boolean {
  return RUN_ID.test(name);
}

async function lstatOrNull(target: string): Promise<Stats | null> {
  try {
    return await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The runs' checkout and index directories under the data directory, removed safely: only
 * `<data>/checkouts/<run id>` and `<data>/indexes/<run id>` (the layout of runWorkspace), never through a
 * symbolic link. A link where a run's directory or its parent should be is unlinked or refused, never
 * followed, and `rm` removes links inside a checkout without following them either.
 */
export class RunArtefactFiles {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir);
  }

  /** The directory of one run's artefact; throws for anything but a run id, or a path outside the data directory. */
  dirOf(kind: ArtefactKind, runId: string): string {
    if (!isRunId(runId)) throw new Error(`not a run id: ${JSON.stringify(runId)}`);
    const workspace = runWorkspace(this.root, runId);
    const target = path.resolve(kind === 'checkout' ? workspace.checkoutDir : workspace.indexDir);
    const relative = path.relative(this.root, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || relative.split(path.sep).length !== 2) {
      throw new Error(`a run's ${kind} would not be inside the data directory`);
    }
    return target;
  }

  /** Removes one run's checkout or index; false when there was nothing to remove. */
  async remove(kind: ArtefactKind, runId: string): Promise<boolean> {
    const target = this.dirOf(kind, runId);
    if (!(await this.isPlainDirectory(path.dirname(target)))) return false;
    const stat = await lstatOrNull(target);
    if (stat === null) return false;
    if (!stat.isDirectory()) {
      // A link (or a stray file) in a run's place: remove the entry itself, never what it points at.
      await unlink(target);
      return true;
    }
    await rm(target, { recursive: true, force: true, maxRetries: 2 });
    return true;
  }

  /** The run ids with a directory of this kind on disk, and when each directory last changed. */
  async onDisk(kind: ArtefactKind): Promise<Array<{ runId: string; modifiedAt: Date }>> {
    const parent = path.dirname(this.dirOf(kind, '00000000-0000-0000-0000-000000000000'));
    if (!(await this.isPlainDirectory(parent))) return [];
    const found: Array<{ runId: string; modifiedAt: Date }> = [];
    for (const name of await readdir(parent)) {
      if (!isRunId(name)) continue;
      const stat = await lstatOrNull(path.join(parent, name));
      if (stat !== null) found.push({ runId: name, modifiedAt: stat.mtime });
    }
    return found;
  }

  /** A real directory: not missing, not a file, and not a symbolic link to somewhere else. */
  private async isPlainDirectory(dir: string): Promise<boolean> {
    const stat = await lstatOrNull(dir);
    return stat !== null && stat.isDirectory() && !stat.isSymbolicLink();
  }
}
