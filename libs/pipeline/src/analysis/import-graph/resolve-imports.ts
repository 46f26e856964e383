import type { FileAnalysis, FileImport, ImportGraph } from '@repolens/contracts';
import { findEntryPoints } from './entry-points.js';
import { MAX_CYCLES, compareText, importCycles } from './import-cycles.js';
import type { ImportResolver, ManifestReader, Resolution } from './import-resolver.js';
import { RepositoryIndex } from './repository-index.js';
import { extensionOf, parentDirectory } from './repository-paths.js';
import { IMPORT_RESOLVERS } from './resolver-registry.js';

/** How many files `mostImported` lists. */
export const MOST_IMPORTED_COUNT = 20;

export interface ResolveImportsInput {
  /** The analysed files, with `imports[].source` as written in each language. */
  readonly files: readonly FileAnalysis[];
  /** Every file of the checkout, relative to its root with forward slashes. */
  readonly repositoryFiles: readonly string[];
  /** A file's text (tsconfig.json, package.json, go.mod…), or null when it cannot be read. */
  readFile(filePath: string): Promise<string | null>;
}

export interface ResolvedImports {
  /** The same files, each import's `resolved` set where it names a repository file. */
  readonly files: FileAnalysis[];
  readonly graph: ImportGraph;
}

/**
 * Resolves every import to the repository file it names, where the language allows, and builds the
 * import graph from that. Manifests are read once up front; after that resolving is synchronous and
 * answers are shared between files of the same folder.
 */
export async function resolveImports(input: ResolveImportsInput): Promise<ResolvedImports> {
  const index = new RepositoryIndex(input.repositoryFiles);
  const resolvers = await createResolvers(input.files, index, memoized(input.readFile));

  const successors = new Map<string, Set<string>>();
  const selfImports = new Set<string>();
  let unresolved = 0;
  const files = input.files.map((file): FileAnalysis => {
    const resolver = resolvers.get(extensionOf(file.path).toLowerCase());
    if (resolver === undefined || file.imports.length === 0) return file;
    const resolveImport = resolver.forFile(file.path);
    const imports = file.imports.map((entry): FileImport => {
      const resolution = resolveImport(entry);
      if (resolution.kind === 'unresolved') unresolved += 1;
      if (resolution.kind !== 'resolved') return entry;
      // `from . import sibling` in a package's __init__.py also names the __init__.py itself.
      const others = resolution.targets.includes(file.path)
        ? resolution.targets.filter((target) => target !== file.path)
        : resolution.targets;
      if (others.length === 0) selfImports.add(file.path);
      for (const target of others) {
        let targets = successors.get(file.path);
        if (targets === undefined) successors.set(file.path, (targets = new Set()));
        targets.add(target);
      }
      return { ...entry, resolved: others[0] ?? file.path };
    });
    return { ...file, imports };
  });

  const edges: Array<[string, string]> = [];
  const importers = new Map<string, number>();
  for (const [from, targets] of successors) {
    for (const to of targets) {
      edges.push([from, to]);
      importers.set(to, (importers.get(to) ?? 0) + 1);
    }
  }
  const mostImported = [...importers]
    .sort(([pathA, countA], [pathB, countB]) => countB - countA || compareText(pathA, pathB))
    .slice(0, MOST_IMPORTED_COUNT)
    .map(([path, importedBy]) => ({ path, importedBy }));
  const cycles = importCycles(successors, selfImports);
  const declared = [...new Set([...resolvers.values()].flatMap((resolver) => resolver.declaredEntryPoints))];
  const tests = new Set(input.files.filter((file) => file.category === 'test').map((file) => file.path));
  const imported = importedFromOutsideTheirCycle(successors, tests, cycles);
  const entryPoints = findEntryPoints({ files: input.files, declared, imported, index });
  const reported = cycles.filter((cycle) => reportsCycles(cycle[0] as string)).slice(0, MAX_CYCLES);
  return { files, graph: { edges, mostImported, entryPoints, cycles: reported, unresolved } };
}

/**
 * Files some file outside their own cycle imports. A crate's lib.rs or a package's __init__.py is
 * imported back by its own modules (`crate::Error`), which does not stop it being where the package
 * starts; nor does a test importing a program.
 */
function importedFromOutsideTheirCycle(
  successors: ReadonlyMap<string, ReadonlySet<string>>,
  ignoredImporters: ReadonlySet<string>,
  cycles: readonly string[][],
): Set<string> {
  const cycleOf = new Map<string, number>();
  cycles.forEach((cycle, at) => {
    for (const member of cycle) cycleOf.set(member, at);
  });
  const imported = new Set<string>();
  for (const [from, targets] of successors) {
    if (ignoredImporters.has(from)) continue;
    const fromCycle = cycleOf.get(from);
    for (const to of targets) if (fromCycle === undefined || cycleOf.get(to) !== fromCycle) imported.add(to);
  }
  return imported;
}

const QUIET_CYCLE_EXTENSIONS = new Set(
  IMPORT_RESOLVERS.filter((entry) => !entry.reportsCycles).flatMap((entry) => entry.extensions),
);

/** Whether a cycle through this file is worth reporting (a cycle stays within one language family). */
function reportsCycles(filePath: string): boolean {
  return !QUIET_CYCLE_EXTENSIONS.has(extensionOf(filePath).toLowerCase());
}

interface CachedResolver {
  readonly declaredEntryPoints: readonly string[];
  /** Resolves the imports of one file. */
  forFile(fromFile: string): (entry: FileImport) => Resolution;
}

/** The resolvers of the language families present, by extension; each reads only its own manifests. */
async function createResolvers(
  files: readonly FileAnalysis[],
  index: RepositoryIndex,
  read: ManifestReader,
): Promise<Map<string, CachedResolver>> {
  const present = new Set(files.filter((file) => file.imports.length > 0).map((file) => extensionOf(file.path).toLowerCase()));
  const byExtension = new Map<string, CachedResolver>();
  await Promise.all(
    IMPORT_RESOLVERS.filter((entry) => entry.extensions.some((extension) => present.has(extension))).map(async (entry) => {
      const resolver = withCache(await entry.create({ index, read }));
      for (const extension of entry.extensions) byExtension.set(extension, resolver);
    }),
  );
  return byExtension;
}

function withCache(resolver: ImportResolver): CachedResolver {
  // Nested maps keyed by strings the files already hold: no key is built per import.
  const answers = new Map<string, Map<string, Resolution>>();
  return {
    declaredEntryPoints: resolver.declaredEntryPoints,
    forFile(fromFile) {
      const scope = resolver.scope === 'directory' ? parentDirectory(fromFile) : fromFile;
      let inScope = answers.get(scope);
      if (inScope === undefined) answers.set(scope, (inScope = new Map()));
      const known = inScope;
      return (entry) => {
        const key = resolver.readsNames && entry.names.length > 0 ? `${entry.source}\0${entry.names.join('\0')}` : entry.source;
        let answer = known.get(key);
        if (answer === undefined) {
          answer = resolver.resolve(fromFile, entry.source, entry.names);
          known.set(key, answer);
        }
        return answer;
      };
    },
  };
}

/** Reads each file once however many resolvers ask, and turns a failed read into null. */
function memoized(readFile: (filePath: string) => Promise<string | null>): ManifestReader {
  const reads = new Map<string, Promise<string | null>>();
  return (filePath) => {
    let pending = reads.get(filePath);
    if (pending === undefined) {
      pending = Promise.resolve()
        .then(() => readFile(filePath))
        .catch(() => null);
      reads.set(filePath, pending);
    }
    return pending;
  };
}
