import type { FileTreeEntry } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildFileTree } from './file-tree.js';
import { flatTreeItems, treeKeyAction, treeTabStop, visibleTreeItems } from './tree-navigation.js';

const entry = (path: string): FileTreeEntry => ({ path, size: 10, language: null, category: 'source' });
const root = buildFileTree(['README.md', 'src/index.ts', 'src/util/format.ts', 'docs/guide.md', 'src/app.ts', 'package.json'].map(entry));
const rows = (open: string[]) => visibleTreeItems(root, new Set(open));
const paths = (open: string[]) => rows(open).map((item) => item.path);

describe('the rows of the file tree', () => {
  it('shows top-level folders and files, and the contents of open folders beneath them', () => {
    expect(paths([])).toEqual(['docs', 'src', 'package.json', 'README.md']);
    expect(paths(['src'])).toEqual(['docs', 'src', 'src/util', 'src/app.ts', 'src/index.ts', 'package.json', 'README.md']);
    // A folder inside a closed one stays hidden even when it is open itself.
    expect(paths(['src/util'])).toEqual(paths([]));
    expect(rows(['src', 'src/util']).find((item) => item.path === 'src/util/format.ts')).toMatchObject({ level: 3, parent: 'src/util', kind: 'file' });
    expect(rows(['src']).find((item) => item.path === 'src')).toMatchObject({ level: 1, parent: null, kind: 'directory', expanded: true });
  });
});

describe('keys on the file tree', () => {
  const press = (open: string[], at: string, key: string) => treeKeyAction(rows(open), at, key);

  it('moves up and down the shown rows, and to the first and last', () => {
    expect(press(['src'], 'src', 'ArrowDown')).toEqual({ type: 'focus', path: 'src/util' });
    expect(press(['src'], 'package.json', 'ArrowUp')).toEqual({ type: 'focus', path: 'src/index.ts' });
    expect(press([], 'docs', 'ArrowUp')).toBeNull();
    expect(press([], 'README.md', 'ArrowDown')).toBeNull();
    expect(press(['src'], 'src/app.ts', 'Home')).toEqual({ type: 'focus', path: 'docs' });
    expect(press(['src'], 'src/app.ts', 'End')).toEqual({ type: 'focus', path: 'README.md' });
  });

  it('opens a closed folder with Right, then goes to its first child', () => {
    expect(press([], 'src', 'ArrowRight')).toEqual({ type: 'expand', path: 'src' });
    expect(press(['src'], 'src', 'ArrowRight')).toEqual({ type: 'focus', path: 'src/util' });
    expect(press(['src'], 'src/app.ts', 'ArrowRight')).toBeNull();
  });

  it('closes an open folder with Left, or goes to the parent folder', () => {
    expect(press(['src'], 'src', 'ArrowLeft')).toEqual({ type: 'collapse', path: 'src' });
    expect(press(['src', 'src/util'], 'src/util/format.ts', 'ArrowLeft')).toEqual({ type: 'focus', path: 'src/util' });
    expect(press(['src'], 'src/util', 'ArrowLeft')).toEqual({ type: 'focus', path: 'src' });
    expect(press([], 'README.md', 'ArrowLeft')).toBeNull();
  });

  it('activates the row with Enter or Space, and jumps to a name by its first letter', () => {
    expect(press([], 'README.md', 'Enter')).toEqual({ type: 'activate', path: 'README.md' });
    expect(press([], 'src', ' ')).toEqual({ type: 'activate', path: 'src' });
    expect(press(['src'], 'docs', 'p')).toEqual({ type: 'focus', path: 'package.json' });
    // Wraps round to the start.
    expect(press([], 'README.md', 'D')).toEqual({ type: 'focus', path: 'docs' });
    expect(press([], 'docs', 'z')).toBeNull();
    expect(press([], 'docs', 'Tab')).toBeNull();
  });

  it('works the same on a flat list of matches', () => {
    const flat = flatTreeItems(['src/app.ts', 'src/index.ts']);
    expect(treeKeyAction(flat, 'src/app.ts', 'ArrowDown')).toEqual({ type: 'focus', path: 'src/index.ts' });
    expect(treeKeyAction(flat, 'src/app.ts', 'ArrowLeft')).toBeNull();
  });
});

describe('the row that takes Tab', () => {
  it('is the last focused row while shown, else the open file, else the first row', () => {
    expect(treeTabStop(rows(['src']), 'src/app.ts', 'README.md')).toBe('src/app.ts');
    expect(treeTabStop(rows([]), 'src/app.ts', 'README.md')).toBe('README.md');
    expect(treeTabStop(rows([]), null, 'src/app.ts')).toBe('docs');
    expect(treeTabStop([], null, null)).toBeNull();
  });
});
