import type { ManifestReader } from './import-resolver.js';
import type { JsPackages } from './js-packages.js';
import { isRecord } from './js-packages.js';
import { parseJsonc } from './jsonc.js';
import type { RepositoryIndex } from './repository-index.js';
import { ancestorDirectories, childPath, joinPath, parentDirectory } from './repository-paths.js';

/** What tsconfig's `baseUrl` and `paths` say about bare specifiers, for the files under one config. */
export interface PathMapping {
  /** The `baseUrl` folder, or null when the config sets none. */
  readonly baseUrl: string | null;
  readonly patterns: readonly PathPattern[];
}

interface PathPattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly exact: boolean;
  /** Repository paths with the `*` (if any) still in them. */
  readonly substitutions: readonly string[];
}

/** The module paths a specifier maps to, and whether failing to find them means it is missing. */
export interface PathMatch {
  readonly candidates: readonly string[];
  /** False for a catch-all `*` pattern, which every npm package also matches. */
  readonly internal: boolean;
}

interface RawConfig {
  readonly directory: string;
  readonly baseUrl: unknown;
  readonly paths: unknown;
  readonly extends: readonly string[];
  readonly references: readonly string[];
}

interface Options {
  baseUrl: string | null;
  paths: { readonly map: Record<string, unknown>; readonly directory: string } | null;
}

/** A chain of `extends` longer than this is a loop or a mistake. */
const MAX_EXTENDS_DEPTH = 8;
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** Every tsconfig.json and jsconfig.json, with `extends` followed, and which one governs each folder. */
export class TsconfigPaths {
  private readonly byDirectory = new Map<string, PathMapping | null>();
  private readonly nearestCache = new Map<string, PathMapping | null>();

  private constructor(configs: ReadonlyArray<readonly [string, PathMapping | null]>) {
    for (const [directory, mapping] of configs) if (!this.byDirectory.has(directory)) this.byDirectory.set(directory, mapping);
  }

  static async load(index: RepositoryIndex, read: ManifestReader, packages: JsPackages): Promise<TsconfigPaths> {
    const raw = new Map<string, Promise<RawConfig | null>>();
    const readRaw = (configPath: string): Promise<RawConfig | null> => {
      let pending = raw.get(configPath);
      if (pending === undefined) {
        pending = read(configPath).then((text) => (text === null ? null : parseRawConfig(configPath, text)));
        raw.set(configPath, pending);
      }
      return pending;
    };

    const options = async (configPath: string, depth: number): Promise<Options | null> => {
      const config = await readRaw(configPath);
      if (config === null) return null;
      const merged: Options = { baseUrl: null, paths: null };
      if (depth < MAX_EXTENDS_DEPTH) {
        for (const parent of config.extends) {
          const parentPath = extendedConfigPath(config.directory, parent, index, packages);
          const inherited = parentPath === null ? null : await options(parentPath, depth + 1);
          if (inherited === null) continue;
          if (inherited.baseUrl !== null) merged.baseUrl = inherited.baseUrl;
          if (inherited.paths !== null) merged.paths = inherited.paths;
        }
      }
      if (typeof config.baseUrl === 'string') merged.baseUrl = joinPath(config.directory, config.baseUrl);
      if (isRecord(config.paths)) merged.paths = { map: config.paths, directory: config.directory };
      return merged;
    };

    const governing = async (configPath: string): Promise<PathMapping | null> => {
      const own = await options(configPath, 0);
      if (own !== null && (own.baseUrl !== null || own.paths !== null)) return toMapping(own);
      // A solution-style tsconfig.json (Vite's) has no options of its own; its references carry them.
      const config = await readRaw(configPath);
      for (const reference of config?.references ?? []) {
        const target = joinPath(config?.directory ?? '', reference);
        if (target === null) continue;
        const referenced = await options(index.isDirectory(target) ? childPath(target, 'tsconfig.json') : target, 0);
        if (referenced !== null && (referenced.baseUrl !== null || referenced.paths !== null)) return toMapping(referenced);
      }
      return null;
    };

    const configPaths = CONFIG_NAMES.flatMap((name) => index.manifestsNamed(name));
    const configs = await Promise.all(
      configPaths.map(async (configPath) => [parentDirectory(configPath), await governing(configPath)] as const),
    );
    return new TsconfigPaths(configs);
  }

  /** The mapping of the config nearest above a file, or null when that config maps nothing. */
  forFile(filePath: string): PathMapping | null {
    const directory = parentDirectory(filePath);
    const cached = this.nearestCache.get(directory);
    if (cached !== undefined) return cached;
    let mapping: PathMapping | null = null;
    for (const candidate of [directory, ...ancestorDirectories(directory)]) {
      const found = this.byDirectory.get(candidate);
      if (found !== undefined) {
        mapping = found;
        break;
      }
    }
    this.nearestCache.set(directory, mapping);
    return mapping;
  }
}

/** The module paths `paths` maps a specifier to: an exact key first, else the `*` key with the longest prefix. */
export function matchPaths(mapping: PathMapping, specifier: string): PathMatch | null {
  let best: { pattern: PathPattern; star: string } | null = null;
  for (const pattern of mapping.patterns) {
    if (pattern.exact) {
      if (pattern.prefix === specifier) {
        best = { pattern, star: '' };
        break;
      }
      continue;
    }
    const fits =
      specifier.length >= pattern.prefix.length + pattern.suffix.length &&
      specifier.startsWith(pattern.prefix) &&
      specifier.endsWith(pattern.suffix);
    if (fits && (best === null || pattern.prefix.length > best.pattern.prefix.length)) {
      best = { pattern, star: specifier.slice(pattern.prefix.length, specifier.length - pattern.suffix.length) };
    }
  }
  if (best === null) return null;
  const star = best.star;
  return {
    candidates: best.pattern.substitutions.map((substitution) => substitution.replaceAll('*', star)),
    internal: best.pattern.exact || best.pattern.prefix !== '',
  };
}

function parseRawConfig(configPath: string, text: string): RawConfig | null {
  const json = parseJsonc(text);
  if (!isRecord(json)) return null;
  const compilerOptions = isRecord(json['compilerOptions']) ? json['compilerOptions'] : {};
  const extendsField = json['extends'];
  const references = Array.isArray(json['references']) ? json['references'] : [];
  return {
    directory: parentDirectory(configPath),
    baseUrl: compilerOptions['baseUrl'],
    paths: compilerOptions['paths'],
    extends: (Array.isArray(extendsField) ? extendsField : [extendsField]).filter((value) => typeof value === 'string'),
    references: references.flatMap((reference) =>
      isRecord(reference) && typeof reference['path'] === 'string' ? [reference['path']] : [],
    ),
  };
}

/** Where `extends` points: a relative file, or a config inside a workspace package; null for npm packages. */
function extendedConfigPath(directory: string, target: string, index: RepositoryIndex, packages: JsPackages): string | null {
  let base: string | null;
  if (target.startsWith('.')) {
    base = joinPath(directory, target);
  } else {
    const workspace = packages.forSpecifier(target);
    if (workspace === null) return null;
    base = childPath(workspace.package.directory, workspace.subpath === '' ? 'tsconfig.json' : workspace.subpath);
  }
  if (base === null) return null;
  if (index.has(base)) return base;
  return index.has(`${base}.json`) ? `${base}.json` : null;
}

function toMapping(options: Options): PathMapping {
  const patterns: PathPattern[] = [];
  // TypeScript resolves `paths` against baseUrl when set, else against the config that declares them.
  const pathsBase = options.baseUrl ?? options.paths?.directory ?? '';
  for (const [key, value] of Object.entries(options.paths?.map ?? {})) {
    if (!Array.isArray(value)) continue;
    const star = key.indexOf('*');
    const substitutions = value
      .filter((substitution): substitution is string => typeof substitution === 'string')
      .map((substitution) => joinPath(pathsBase, substitution))
      .filter((substitution): substitution is string => substitution !== null);
    patterns.push(
      star < 0
        ? { prefix: key, suffix: '', exact: true, substitutions }
        : { prefix: key.slice(0, star), suffix: key.slice(star + 1), exact: false, substitutions },
    );
  }
  return { baseUrl: options.baseUrl, patterns };
}
