import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../git/testing/fixture-repository.js';
import { GitignoreRules } from './gitignore-rules.js';
import { readFileInside } from './read-file-inside.js';
import { symlinkTarget } from './symlink-target.js';
import { walkTree, type TreeEntry } from './walk-tree.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let root = '';

beforeAll(async () => {
  temp = await createTempDir();
  root = path.join(temp.dir, 'root');
  const files: Record<string, string> = {
    '.gitignore': '*.tmp\n/out/\n',
    'a.txt': 'a',
    'x.tmp': 'ignored',
    'out/o.txt': 'ignored',
    'sub/out/kept.txt': 'only the root out/ is anchored',
    'sub/.gitignore': '!wanted.tmp\nlocal.txt\n',
    'sub/wanted.tmp': 'unignored below',
    'sub/local.txt': 'ignored below',
    'sub/deeper/local.txt': 'ignored by sub/.gitignore too',
    'Case.TMP': 'git is case-sensitive',
    '.git/config': 'never walked',
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await writeFile(path.join(temp.dir, 'outside.txt'), 'outside');
  await symlink(path.join(temp.dir, 'outside.txt'), path.join(root, 'out-link'));
  await symlink('../a.txt', path.join(root, 'sub', 'in-link'));
  await symlink('sub', path.join(root, 'sub-dir-link'));
  await writeFile(path.join(root, 'bad\nname.txt'), 'odd');
});

afterAll(async () => {
  await temp.cleanup();
});

async function collect(options: Parameters<typeof walkTree>[1] = {}): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for await (const entry of walkTree(root, options)) entries.push(entry);
  return entries;
}

describe('walkTree with GitignoreRules', () => {
  it('applies root and nested rules the way git does and reports links without entering them', async () => {
    const rules = new GitignoreRules(root);
    const entries = await collect({
      onDirectory: (dir) => rules.loadDirectory(dir),
      exclude: (entryPath, isDirectory) => rules.isIgnored(entryPath, isDirectory),
    });
    expect(entries.map((entry) => `${entry.kind} ${entry.path}`)).toEqual([
      'file .gitignore',
      'file Case.TMP',
      'file a.txt',
      'unreadable bad\nname.txt',
      'symlink out-link',
      'directory sub',
      'file sub/.gitignore',
      'directory sub/deeper',
      'symlink sub/in-link',
      'directory sub/out',
      'file sub/out/kept.txt',
      'file sub/wanted.tmp',
      'symlink sub-dir-link',
    ]);
  });

  it('stops descending below maxDepth', async () => {
    const entries = await collect({ maxDepth: 1 });
    expect(entries.some((entry) => entry.path === 'sub/out')).toBe(true);
    expect(entries.some((entry) => entry.path.startsWith('sub/out/'))).toBe(false);
  });
});

describe('readFileInside and symlinkTarget', () => {
  it('reads checkout files but not through a final symlink, outside the root or over the size limit', async () => {
    expect((await readFileInside(root, 'a.txt', 100)).toString()).toBe('a');
    await expect(readFileInside(root, 'out-link', 100)).rejects.toThrow();
    await expect(readFileInside(root, '../outside.txt', 100)).rejects.toThrow(/outside the checkout/);
    await expect(readFileInside(root, 'sub/out/kept.txt', 5)).rejects.toThrow(/larger than 5 bytes/);
  });

  it('does not read through a symlinked directory', async () => {
    await expect(readFileInside(root, 'sub-dir-link/wanted.tmp', 100)).rejects.toThrow(/symbolically linked directory/);
    expect((await readFileInside(root, 'sub/wanted.tmp', 100)).toString()).toBe('unignored below');
  });

  it('tells links inside the root from links out of it', async () => {
    expect(await symlinkTarget(root, 'sub/in-link')).toEqual({ inside: true, target: 'a.txt' });
    expect(await symlinkTarget(root, 'out-link')).toMatchObject({ inside: false });
  });
});
