import { GitignoreRules } from '../../fs/gitignore-rules.js';
import { walkTree } from '../../fs/walk-tree.js';

// Deep enough for `packages/<scope>/<name>/package.json`, `crates/<group>/<name>/Cargo.toml` and `.github/workflows/ci.yml`.
const MAX_DEPTH = 4;
// Dependencies of vendored code and test fixtures are not the project's.
const SKIPPED_DIRECTORIES = new Set([
  'node_modules', 'bower_components', 'vendor', 'third_party', 'third-party', '.venv', 'venv', '__pycache__', '.tox',
  'fixtures', '__fixtures__', 'testdata', 'test-fixtures', 'target', '.gradle', 'bin', 'obj',
]);
const MAX_FILES = 50_000;

/** Files and directories near the top of a checkout: not ignored, not vendored, no symlinks; `/`-separated. */
export interface ProjectListing {
  readonly files: string[];
  readonly directories: string[];
}

/** The regular files and directories metadata reads, in name order. */
export async function listProjectFiles(checkoutDir: string, signal: AbortSignal): Promise<ProjectListing> {
  const rules = new GitignoreRules(checkoutDir);
  const files: string[] = [];
  const directories: string[] = [];
  const walk = walkTree(checkoutDir, {
    signal,
    maxDepth: MAX_DEPTH,
    onDirectory: (dir) => rules.loadDirectory(dir),
    exclude: (entryPath, isDirectory) =>
      (isDirectory && SKIPPED_DIRECTORIES.has(entryPath.slice(entryPath.lastIndexOf('/') + 1))) || rules.isIgnored(entryPath, isDirectory),
  });
  for await (const entry of walk) {
    if (entry.kind === 'directory') directories.push(entry.path);
    if (entry.kind !== 'file') continue;
    files.push(entry.path);
    if (files.length >= MAX_FILES) break;
  }
  return { files, directories };
}
