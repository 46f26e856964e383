import { parse as parseToml } from 'smol-toml';
import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED, resolvedTo } from './import-resolver.js';
import { isRecord } from './js-packages.js';
import type { RepositoryIndex } from './repository-index.js';
import { childPath, joinPath, parentDirectory } from './repository-paths.js';

export const PYTHON_EXTENSIONS = ['.py', '.pyi', '.pyw'];
const PYTHON_EXTENSION_SET = new Set(PYTHON_EXTENSIONS);
/** Files whose folder is on sys.path when the project runs: the project roots. */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'manage.py'];

/**
 * Python: relative imports from the importing file's package (each extra dot one package up), absolute
 * imports against the folders a project puts on sys.path (the root, src/, folders of pyproject.toml,
 * setup.py or manage.py, and the script's own folder). `from pkg import mod` also links to pkg/mod.py.
 */
export async function createPythonResolver({ index, read }: ResolverFactoryInput): Promise<ImportResolver> {
  const roots = importRoots(index);
  /** Folders with Python code somewhere below them: what an absolute import's first name may be. */
  const packageFolders = new Set<string>();
  for (const filePath of index.filesWithExtension(PYTHON_EXTENSION_SET)) {
    let directory = parentDirectory(filePath);
    while (directory !== '' && !packageFolders.has(directory)) {
      packageFolders.add(directory);
      directory = parentDirectory(directory);
    }
  }

  function moduleFile(modulePath: string): string | null {
    return index.firstExisting([
      `${modulePath}.py`,
      `${modulePath}.pyi`,
      childPath(modulePath, '__init__.py'),
      childPath(modulePath, '__init__.pyi'),
    ]);
  }

  /** The module and the submodules among the imported names. */
  function targetsOf(modulePath: string, names: readonly string[]): Array<string | null> {
    const submodules = names.filter((name) => name !== '*').map((name) => moduleFile(childPath(modulePath, name)));
    return [moduleFile(modulePath), ...submodules];
  }

  function resolve(fromFile: string, source: string, names: readonly string[]): Resolution {
    const dots = source.length - source.replace(/^\.+/, '').length;
    const dotted = source.slice(dots).replaceAll('.', '/');
    if (dots > 0) {
      let base: string | null = parentDirectory(fromFile);
      for (let level = 1; level < dots && base !== null; level += 1) base = base === '' ? null : parentDirectory(base);
      const modulePath = base === null ? null : joinPath(base, dotted);
      return modulePath === null ? UNRESOLVED : resolvedTo(targetsOf(modulePath, names));
    }
    if (dotted === '') return EXTERNAL;
    const first = dotted.split('/')[0] as string;
    let internal = false;
    for (const root of [...roots, parentDirectory(fromFile)]) {
      const modulePath = childPath(root, dotted);
      const found = resolvedTo(targetsOf(modulePath, names));
      if (found.kind === 'resolved') return found;
      const top = childPath(root, first);
      internal ||= packageFolders.has(top) || moduleFile(top) !== null;
    }
    return internal ? UNRESOLVED : EXTERNAL;
  }

  const declaredEntryPoints: string[] = [];
  for (const manifest of index.manifestsNamed('pyproject.toml')) {
    const directory = parentDirectory(manifest);
    for (const reference of scriptModules(await read(manifest))) {
      for (const root of [directory, childPath(directory, 'src')]) {
        const hit = moduleFile(childPath(root, reference.replaceAll('.', '/')));
        if (hit !== null && !declaredEntryPoints.includes(hit)) declaredEntryPoints.push(hit);
      }
    }
  }

  return { scope: 'directory', readsNames: true, resolve, declaredEntryPoints };
}

function importRoots(index: RepositoryIndex): string[] {
  const roots = new Set(['', 'src']);
  for (const marker of PROJECT_MARKERS) {
    for (const manifest of index.manifestsNamed(marker)) {
      const directory = parentDirectory(manifest);
      roots.add(directory);
      roots.add(childPath(directory, 'src'));
    }
  }
  return [...roots].filter((root) => index.isDirectory(root));
}

/** The modules `[project.scripts]` and `[tool.poetry.scripts]` run ('pkg.cli:main' → 'pkg.cli'). */
function scriptModules(text: string | null): string[] {
  if (text === null) return [];
  let toml: unknown;
  try {
    toml = parseToml(text);
  } catch {
    return [];
  }
  if (!isRecord(toml)) return [];
  const project = isRecord(toml['project']) ? toml['project'] : {};
  const tool = isRecord(toml['tool']) ? toml['tool'] : {};
  const poetry = isRecord(tool['poetry']) ? tool['poetry'] : {};
  const tables = [project['scripts'], project['gui-scripts'], poetry['scripts']];
  return tables
    .flatMap((table) => (isRecord(table) ? Object.values(table) : []))
    .flatMap((value) => (typeof value === 'string' ? [value] : []))
    .map((reference) => (reference.split(':')[0] as string).trim())
    .filter((reference) => /^[\w.]+$/.test(reference));
}

