import type { FileTreeEntry } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildFileTree, filterFiles } from './file-tree.js';

const entry = (path: string): FileTreeEntry => ({ path, size: 10, language: null, category: 'source' });
const files = ['README.md', 'src/index.ts', 'src/util/format.ts', 'src/util/Retry.ts', 'docs/guide.md', 'src/app.ts'].map(entry);

describe('the file tree', () => {
  it('nests files under their directories, directories first, by name, with counts', () => {
    const root = buildFileTree(files);
    expect(root.directories.map((directory) => directory.path)).toEqual(['docs', 'src']);
    expect(root.files.map((file) => file.name)).toEqual(['README.md']);
    const src = root.directories[1]!;
    expect(src.directories.map((directory) => directory.path)).toEqual(['src/util']);
    expect(src.files.map((file) => file.name)).toEqual(['app.ts', 'index.ts']);
    expect(src.directories[0]!.files.map((file) => file.name)).toEqual(['format.ts', 'Retry.ts']);
    expect(root.fileCount).toBe(6);
    expect(src.fileCount).toBe(4);
  });

  it('names the directories to open for a file', () => {
    expect(ancestorsOf('src/util/format.ts')).toEqual(['src', 'src/util']);
    expect(ancestorsOf('README.md')).toEqual([]);
  });

  it('filters by every word of the query, file names first', () => {
    expect(filterFiles(files, 'util', 10).map((file) => file.path)).toEqual(['src/util/Retry.ts', 'src/util/format.ts']);
    expect(filterFiles(files, 'retry', 10).map((file) => file.path)).toEqual(['src/util/Retry.ts']);
    expect(filterFiles(files, 'src ts', 2)).toHaveLength(2);
    expect(filterFiles(files, '  ', 10)).toEqual([]);
  });
});
