import type { FileTreeEntry } from '@repolens/contracts';

export interface TreeFile {
  readonly name: string;
  readonly entry: FileTreeEntry;
}

export interface TreeDirectory {
  readonly name: string;
  /** '' for the repository root. */
  readonly path: string;
  readonly directories: TreeDirectory[];
  readonly files: TreeFile[];
  /** Files anywhere below, for the count shown beside a closed directory. */
  fileCount: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

/** The directory tree implied by the analysed files' paths: directories first, then files, by name. */
export function buildFileTree(files: readonly FileTreeEntry[]): TreeDirectory {
  const root: TreeDirectory = { name: '', path: '', directories: [], files: [], fileCount: 0 };
  const directories = new Map<string, TreeDirectory>([['', root]]);
  const directoryOf = (dirPath: string): TreeDirectory => {
    const known = directories.get(dirPath);
    if (known !== undefined) return known;
    const slash = dirPath.lastIndexOf('/');
    const parent = directoryOf(slash === -1 ? '' : dirPath.slice(0, slash));
    const created: TreeDirectory = { name: dirPath.slice(slash + 1), path: dirPath, directories: [], files: [], fileCount: 0 };
    parent.directories.push(created);
    directories.set(dirPath, created);
    return created;
  };
  for (const entry of files) {
    const slash = entry.path.lastIndexOf('/');
    directoryOf(slash === -1 ? '' : entry.path.slice(0, slash)).files.push({ name: entry.path.slice(slash + 1), entry });
    for (const ancestor of ['', ...ancestorsOf(entry.path)]) directories.get(ancestor)!.fileCount += 1;
  }
  for (const directory of directories.values()) {
    directory.directories.sort(byName);
    directory.files.sort(byName);
  }
  return root;
}

/** `a/b/c.ts` → `['a', 'a/b']`: the directories to open so the file shows. */
export function ancestorsOf(filePath: string): string[] {
  const parts = filePath.split('/').slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * Files whose path contains every word of the query (case ignored), those whose name itself
 * matches first, then shorter paths.
 */
export function filterFiles(files: readonly FileTreeEntry[], query: string, limit: number): FileTreeEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [];
  const matches = files.filter((file) => {
    const lower = file.path.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
  const nameMatches = (file: FileTreeEntry) => {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1).toLowerCase();
    return words.some((word) => name.includes(word)) ? 0 : 1;
  };
  return matches.sort((a, b) => nameMatches(a) - nameMatches(b) || a.path.length - b.path.length || a.path.localeCompare(b.path)).slice(0, limit);
}
