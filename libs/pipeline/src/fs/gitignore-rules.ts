import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readFileInside } from './read-file-inside.js';

const MAX_GITIGNORE_BYTES = 1024 * 1024;

/**
 * The `.gitignore` files of a tree, root and nested, applied the way git applies them: the rules of a
 * deeper file win over those above it, and each file's patterns are relative to its own directory.
 */
export class GitignoreRules {
  private readonly byDirectory = new Map<string, Ignore>();

  constructor(private readonly root: string) {}

  /** Reads `dirPath/.gitignore` if there is one (a symlinked one is not followed). */
  async loadDirectory(dirPath: string): Promise<void> {
    const relative = dirPath === '' ? '.gitignore' : `${dirPath}/.gitignore`;
    const content = await readFileInside(this.root, relative, MAX_GITIGNORE_BYTES).catch(() => null);
    if (content === null) return;
    // Git compares names case-sensitively on Linux; `ignore` would not by default.
    this.byDirectory.set(dirPath, ignore({ ignorecase: false, allowRelativePaths: true }).add(content.toString('utf8')));
  }

  isIgnored(entryPath: string, isDirectory: boolean): boolean {
    const parts = entryPath.split('/');
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth += 1) {
      const rules = this.byDirectory.get(parts.slice(0, depth).join('/'));
      if (rules === undefined) continue;
      const relative = parts.slice(depth).join('/') + (isDirectory ? '/' : '');
      const result = rules.test(relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /** Where the rules were read from, for tests and logs. */
  get files(): string[] {
    return [...this.byDirectory.keys()].map((dir) => path.posix.join(dir, '.gitignore'));
  }
}
