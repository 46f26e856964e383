import type { ManifestReader } from './import-resolver.js';
import type { RepositoryIndex } from './repository-index.js';
import { ancestorDirectories, parentDirectory } from './repository-paths.js';

/** A package.json of the repository, with the fields that say where its code starts. */
export interface JsPackage {
  readonly directory: string;
  readonly name: string | null;
  /** main, module, types… in the order Node and bundlers would try them, relative to the package. */
  readonly entryFields: readonly string[];
  readonly bin: readonly string[];
  readonly exports: unknown;
  readonly imports: unknown;
}

/** Every package.json of the repository: workspace packages by name, and packages by folder. */
export class JsPackages {
  private readonly byDirectory = new Map<string, JsPackage>();
  private readonly byName = new Map<string, JsPackage>();

  private constructor(packages: readonly JsPackage[]) {
    for (const found of packages) {
      this.byDirectory.set(found.directory, found);
      // The shallowest package wins a name two folders claim (a fixture copying a real package).
      if (found.name !== null && !this.byName.has(found.name)) this.byName.set(found.name, found);
    }
  }

  static async load(index: RepositoryIndex, read: ManifestReader): Promise<JsPackages> {
    const manifests = index.manifestsNamed('package.json');
    const packages = await Promise.all(manifests.map(async (manifest) => parsePackage(manifest, await read(manifest))));
    return new JsPackages(packages.filter((found): found is JsPackage => found !== null));
  }

  inDirectory(directory: string): JsPackage | undefined {
    return this.byDirectory.get(directory);
  }

  /** The package a bare specifier names ('@acme/ui/button' → @acme/ui) and the subpath after it. */
  forSpecifier(specifier: string): { package: JsPackage; subpath: string } | null {
    const segments = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const found = this.byName.get(segments.slice(0, nameLength).join('/'));
    return found === undefined ? null : { package: found, subpath: segments.slice(nameLength).join('/') };
  }

  /** The package.json nearest above a file. */
  nearest(filePath: string): JsPackage | undefined {
    for (const directory of ancestorDirectories(filePath)) {
      const found = this.byDirectory.get(directory);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  all(): IterableIterator<JsPackage> {
    return this.byDirectory.values();
  }
}

function parsePackage(manifest: string, text: string | null): JsPackage | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(json)) return null;
  const entryFields = ['source', 'module', 'main', 'types', 'typings']
    .map((field) => json[field])
    .filter((value): value is string => typeof value === 'string');
  const bin = typeof json['bin'] === 'string' ? [json['bin']] : isRecord(json['bin']) ? stringLeaves(json['bin']) : [];
  return {
    directory: parentDirectory(manifest),
    name: typeof json['name'] === 'string' ? json['name'] : null,
    entryFields,
    bin,
    exports: json['exports'],
    imports: json['imports'],
  };
}

/**
 * The targets `exports` or `imports` gives a subpath ('.', './button', '#db'), most likely first: the
 * strings under every condition in the order written, with a `*` pattern's match put in.
 */
export function subpathTargets(map: unknown, subpath: string): string[] {
  if (map === undefined || map === null) return [];
  const isSubpathMap = isRecord(map) && Object.keys(map).some((key) => key.startsWith('.') || key.startsWith('#'));
  if (!isSubpathMap) return subpath === '.' ? stringLeaves(map) : [];
  const entries = map as Record<string, unknown>;
  if (Object.hasOwn(entries, subpath)) return stringLeaves(entries[subpath]);
  // Among `*` patterns, the one with the longest part before the star wins, as in Node.
  let best: { prefix: string; match: string; value: unknown } | null = null;
  for (const [key, value] of Object.entries(entries)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    const fits = subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1;
    if (fits && (best === null || prefix.length > best.prefix.length)) {
      best = { prefix, match: subpath.slice(prefix.length, subpath.length - suffix.length), value };
    }
  }
  if (best === null) return [];
  const match = best.match;
  return stringLeaves(best.value).map((target) => target.replaceAll('*', match));
}

/** The strings in a (possibly nested) conditions object or array, in document order. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isRecord(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
