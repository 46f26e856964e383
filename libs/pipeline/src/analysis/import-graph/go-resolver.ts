import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED } from './import-resolver.js';
import type { RepositoryIndex } from './repository-index.js';
import { baseName, childPath, parentDirectory } from './repository-paths.js';

export const GO_EXTENSIONS = ['.go'];

interface GoModule {
  readonly path: string;
  readonly directory: string;
}

/**
 * Go: an import path under a go.mod's `module` path names a package folder of the repository; the
 * import links to every (non-test) .go file of that folder, the one named after the folder first.
 * Every go.mod counts, so multi-module repositories and go.work layouts resolve too.
 */
export async function createGoResolver({ index, read }: ResolverFactoryInput): Promise<ImportResolver> {
  const modules: GoModule[] = [];
  for (const manifest of index.manifestsNamed('go.mod')) {
    const modulePath = modulePathOf(await read(manifest));
    if (modulePath !== null) modules.push({ path: modulePath, directory: parentDirectory(manifest) });
  }
  // The longest module path first: a nested module owns its folder, not the module around it.
  modules.sort((a, b) => b.path.length - a.path.length);

  const packageCache = new Map<string, readonly string[]>();
  function resolve(_fromFile: string, source: string): Resolution {
    const owner = modules.find((candidate) => source === candidate.path || source.startsWith(`${candidate.path}/`));
    if (owner === undefined) return EXTERNAL;
    const rest = source.slice(owner.path.length + 1);
    const directory = rest === '' ? owner.directory : childPath(owner.directory, rest);
    let files = packageCache.get(directory);
    if (files === undefined) {
      files = packageFiles(index, directory);
      packageCache.set(directory, files);
    }
    return files.length === 0 ? UNRESOLVED : { kind: 'resolved', targets: files };
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints: [] };
}

function packageFiles(index: RepositoryIndex, directory: string): string[] {
  const files = index
    .filesIn(directory)
    .filter((filePath) => filePath.endsWith('.go') && !filePath.endsWith('_test.go'))
    .sort();
  const namesake = files.findIndex((filePath) => baseName(filePath) === `${baseName(directory)}.go`);
  if (namesake > 0) files.unshift(...files.splice(namesake, 1));
  return files;
}

/** The `module` directive of a go.mod (a one-line statement; comments and quotes allowed). */
function modulePathOf(text: string | null): string | null {
  const match = text?.match(/^\s*module\s+"?([^\s"/]+[^\s"]*)"?\s*(?:\/\/.*)?$/m);
  return match?.[1] ?? null;
}
