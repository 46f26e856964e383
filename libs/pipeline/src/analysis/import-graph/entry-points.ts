import type { FileAnalysis } from '@repolens/contracts';
import type { RepositoryIndex } from './repository-index.js';
import { baseName, parentDirectory, withoutExtension } from './repository-paths.js';

/** More entry points than this say nothing more about where a program starts. */
export const MAX_ENTRY_POINTS = 100;

/** Manifests whose folder is a package root, where index.* and friends start a package. */
const PACKAGE_MANIFESTS = [
  'package.json', 'go.mod', 'Cargo.toml', 'pyproject.toml', 'setup.py', 'composer.json', 'Gemfile',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'CMakeLists.txt', 'deno.json',
];

/** Names that start a program wherever they are. */
const PROGRAM_FILES = new Set(['__main__.py', 'manage.py', 'app.py', 'setup.py', 'wsgi.py', 'asgi.py', 'Program.cs']);
/** Names that start a package when they sit at its root or in its src/. */
const PACKAGE_ROOT_STEMS = new Set(['index', 'server', 'app', 'cli', 'mod']);
const SCRIPT_FOLDERS = new Set(['bin', 'exe', 'scripts']);
const NOT_PROGRAMS = new Set(['test', 'vendored', 'generated', 'docs']);

/**
 * Files nothing imports that look like where a program or package starts: what manifests declare
 * (package.json main/bin/exports, Cargo targets, pyproject scripts, composer bin), and by convention
 * main.*, __main__.py, manage.py, cmd/x/main.go, src/lib.rs, Program.cs, *Application.java, files in bin/,
 * and index.* / app.* / server.* at a package root. Tests, vendored and generated files never are.
 */
export function findEntryPoints(input: {
  readonly files: readonly FileAnalysis[];
  readonly declared: readonly string[];
  readonly imported: ReadonlySet<string>;
  readonly index: RepositoryIndex;
}): string[] {
  const { files, declared, imported, index } = input;
  const categories = new Map(files.map((file) => [file.path, file.category]));
  const packageRoots = new Set(['']);
  for (const manifest of PACKAGE_MANIFESTS) {
    for (const found of index.manifestsNamed(manifest)) packageRoots.add(parentDirectory(found));
  }

  const entries = new Set<string>();
  const consider = (filePath: string): void => {
    const category = categories.get(filePath);
    if (imported.has(filePath) || (category !== undefined && NOT_PROGRAMS.has(category))) return;
    entries.add(filePath);
  };
  for (const filePath of declared) consider(filePath);
  for (const file of files) if (looksLikeEntry(file.path, packageRoots)) consider(file.path);
  return [...entries].sort().slice(0, MAX_ENTRY_POINTS);
}

function looksLikeEntry(filePath: string, packageRoots: ReadonlySet<string>): boolean {
  const name = baseName(filePath);
  const stem = withoutExtension(name);
  const directory = parentDirectory(filePath);
  if (stem === 'main' || stem === 'Main' || PROGRAM_FILES.has(name)) return true;
  if (SCRIPT_FOLDERS.has(baseName(directory)) && directory.split('/').length <= 2) return true;
  if (name === 'lib.rs' && baseName(directory) === 'src') return true;
  if (name.endsWith('Application.java') || name.endsWith('Application.kt')) return true;
  if (!PACKAGE_ROOT_STEMS.has(stem)) return false;
  const folderName = baseName(directory);
  const packageFolder = folderName === 'src' || folderName === 'public' ? parentDirectory(directory) : directory;
  return packageRoots.has(packageFolder) || packageRoots.has(directory);
}
