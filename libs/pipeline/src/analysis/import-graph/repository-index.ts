import { baseName, extensionOf, parentDirectory } from './repository-paths.js';

/**
 * The repository's file list, indexed once so that resolving an import is a handful of set lookups and
 * never a scan of the list.
 */
export class RepositoryIndex {
  private readonly files: ReadonlySet<string>;
  private readonly filesByDirectory = new Map<string, string[]>();
  /** Every directory that holds a file somewhere below it, the root ('') included. */
  private readonly directories = new Set<string>(['']);
  private filesByName: Map<string, string[]> | undefined;

  constructor(readonly paths: readonly string[]) {
    this.files = new Set(paths);
    for (const filePath of paths) {
      let directory = parentDirectory(filePath);
      const siblings = this.filesByDirectory.get(directory);
      if (siblings === undefined) this.filesByDirectory.set(directory, [filePath]);
      else siblings.push(filePath);
      while (directory !== '' && !this.directories.has(directory)) {
        this.directories.add(directory);
        directory = parentDirectory(directory);
      }
    }
  }

  has(filePath: string): boolean {
    return this.files.has(filePath);
  }

  isDirectory(directory: string): boolean {
    return this.directories.has(directory);
  }

  /** The files directly in `directory`, in the order the repository listed them. */
  filesIn(directory: string): readonly string[] {
    return this.filesByDirectory.get(directory) ?? [];
  }

  /** Files whose name is `name`, wherever they are (indexed on first use). */
  filesNamed(name: string): readonly string[] {
    if (this.filesByName === undefined) {
      this.filesByName = new Map();
      for (const filePath of this.paths) {
        const key = baseName(filePath);
        const same = this.filesByName.get(key);
        if (same === undefined) this.filesByName.set(key, [filePath]);
        else same.push(filePath);
      }
    }
    return this.filesByName.get(name) ?? [];
  }

  /** Files whose path is `relative` or ends with `/relative`: where an include or class path may be. */
  filesEndingWith(relative: string): string[] {
    return this.filesNamed(baseName(relative)).filter(
      (candidate) => candidate === relative || candidate.endsWith(`/${relative}`),
    );
  }

  /** The first of `candidates` that is a file of the repository. */
  firstExisting(candidates: Iterable<string>): string | null {
    for (const candidate of candidates) if (this.files.has(candidate)) return candidate;
    return null;
  }

  /** Files with one of `extensions`, outside dependency folders checked into the repository. */
  filesWithExtension(extensions: ReadonlySet<string>): string[] {
    return this.paths.filter((filePath) => extensions.has(extensionOf(filePath)) && !isInDependencyFolder(filePath));
  }

  /**
   * Manifests named `name` (package.json, go.mod…) outside dependency folders, shallowest first, at most
   * MAX_MANIFESTS_PER_NAME of them: a repository of thousands of fixtures should not cost thousands of reads.
   */
  manifestsNamed(name: string): string[] {
    return this.filesNamed(name)
      .filter((filePath) => !isInDependencyFolder(filePath))
      .sort((a, b) => depthOf(a) - depthOf(b) || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MAX_MANIFESTS_PER_NAME);
  }
}

/** How many manifests of one name (package.json…) are read at most. */
export const MAX_MANIFESTS_PER_NAME = 2_000;

function depthOf(filePath: string): number {
  let depth = 0;
  for (let at = filePath.indexOf('/'); at >= 0; at = filePath.indexOf('/', at + 1)) depth += 1;
  return depth;
}

const DEPENDENCY_FOLDERS = new Set(['node_modules', 'vendor', 'bower_components', '.git']);

/** Checked-in dependencies (node_modules, vendor) declare packages of their own that are not this repository's. */
function isInDependencyFolder(filePath: string): boolean {
  return filePath.split('/').some((segment) => DEPENDENCY_FOLDERS.has(segment));
}
