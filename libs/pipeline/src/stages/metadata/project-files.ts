import { GitignoreRules } from '../../fs/gitignore-rules.js';
import { walkTree } from '../../fs/walk-tree.js';

// Deep enough for `packages/<name>/package.json` and `.github/workflows/ci.yml`.
const MAX_DEPTH = 3;
// Dependencies of vendored code and test fixtures are not the project's.
const SKIPPED_DIRECTORIES = new Set([
  'node_modules', 'bower_components', 'vendor', 'third_party', 'third-party', '.venv', 'venv', '__pycache__', '.tox',
  'fixtures', '__fixtures__', 'testdata', 'test-fixtures',
]);
const MAX_FILES = 50_000;

/** Regular files near the top of a checkout that metadata reads: not ignored, not vendored, no symlinks. */
export async function listProjectFiles(checkoutDir: string, signal: AbortSignal): Promise<string[]> {
  const rules = new GitignoreRules(checkoutDir);
  const files: string[] = [];
  const walk = walkTree(checkoutDir, {
    signal,
    maxDepth: MAX_DEPTH,
    onDirectory: (dir) => rules.loadDirectory(dir),
    exclude: (entryPath, isDirectory) =>
      (isDirectory && SKIPPED_DIRECTORIES.has(entryPath.slice(entryPath.lastIndexOf('/') + 1))) || rules.isIgnored(entryPath, isDirectory),
  });
  for await (const entry of walk) {
    if (entry.kind !== 'file') continue;
    files.push(entry.path);
    if (files.length >= MAX_FILES) break;
  }
  return files;
}
