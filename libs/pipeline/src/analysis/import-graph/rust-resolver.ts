import { parse as parseToml } from 'smol-toml';
import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, ITSELF, UNRESOLVED } from './import-resolver.js';
import { isRecord } from './js-packages.js';
import type { RepositoryIndex } from './repository-index.js';
import { ancestorDirectories, childPath, joinPath, parentDirectory } from './repository-paths.js';

export const RUST_EXTENSIONS = ['.rs'];

/** Where a file sits in its crate's module tree. */
interface ModulePlace {
  /** The folder module paths start from (src/, src/bin/, tests/…). */
  readonly baseDirectory: string;
  /** Its module path below the crate root ([] for the root itself). */
  readonly segments: readonly string[];
  /** The crate root file (lib.rs, main.rs, a bin or test file), or null when there is none. */
  readonly crateRoot: string | null;
}

interface CargoPackage {
  readonly directory: string;
  /** The name other crates `use` it by (dashes become underscores). */
  readonly crateName: string | null;
  readonly libRoot: string | null;
  readonly binRoots: readonly string[];
}

const TARGET_FOLDERS = new Set(['tests', 'examples', 'benches']);
const STANDARD_CRATES = new Set(['std', 'core', 'alloc', 'proc_macro', 'test']);

/**
 * Rust: `crate::`, `self::` and `super::` paths walk the module tree (a module is name.rs or
 * name/mod.rs under its parent's folder), `mod foo;` (written 'self::foo') finds foo.rs or foo/mod.rs,
 * and a workspace crate's name leads into that crate. A path goes to the deepest module that is a file;
 * an item inside a module (a struct, or an inline `mod`) resolves to the module's file.
 */
export async function createRustResolver({ index, read }: ResolverFactoryInput): Promise<ImportResolver> {
  const packages = new Map<string, CargoPackage>();
  for (const manifest of index.manifestsNamed('Cargo.toml')) {
    const found = parseCargo(index, parentDirectory(manifest), await read(manifest));
    packages.set(found.directory, found);
  }
  const crates = new Map<string, CargoPackage>();
  for (const found of packages.values()) {
    if (found.crateName !== null && found.libRoot !== null) crates.set(found.crateName, found);
  }

  const places = new Map<string, ModulePlace>();

  function moduleFile(place: ModulePlace, segments: readonly string[]): string | null {
    if (segments.length === 0) return place.crateRoot;
    const modulePath = childPath(place.baseDirectory, segments.join('/'));
    return index.firstExisting([`${modulePath}.rs`, `${modulePath}/mod.rs`]);
  }

  /** The deepest module file along `anchor` + `rest`, else the anchor module's own file. */
  function deepest(place: ModulePlace, anchor: readonly string[], rest: readonly string[]): Resolution {
    for (let length = rest.length; length >= 1; length -= 1) {
      const hit = moduleFile(place, [...anchor, ...rest.slice(0, length)]);
      if (hit !== null) return { kind: 'resolved', targets: [hit] };
    }
    const own = moduleFile(place, anchor);
    return own === null ? UNRESOLVED : { kind: 'resolved', targets: [own] };
  }

  function resolve(fromFile: string, source: string): Resolution {
    const resolution = resolvePath(fromFile, source);
    // `use self::Color::*` names items of this very file.
    return resolution.kind === 'resolved' && resolution.targets[0] === fromFile ? ITSELF : resolution;
  }

  function resolvePath(fromFile: string, source: string): Resolution {
    const segments = pathSegments(source);
    const first = segments[0];
    if (first === undefined || STANDARD_CRATES.has(first)) return EXTERNAL;
    let place = places.get(fromFile);
    if (place === undefined) {
      place = placeOf(index, packages, fromFile);
      places.set(fromFile, place);
    }
    if (first === 'crate') return deepest(place, [], segments.slice(1));
    if (first === 'self') return deepest(place, place.segments, segments.slice(1));
    if (first === 'super') {
      const ups = segments.findIndex((segment) => segment !== 'super');
      const count = ups < 0 ? segments.length : ups;
      // Above the crate root only an inline module can go: `mod tests { use super::*; }` in lib.rs.
      if (count > place.segments.length) return ITSELF;
      return deepest(place, place.segments.slice(0, place.segments.length - count), segments.slice(count));
    }
    const crateRoot = crates.get(first)?.libRoot ?? null;
    if (crateRoot !== null) {
      return deepest({ baseDirectory: parentDirectory(crateRoot), segments: [], crateRoot }, [], segments.slice(1));
    }
    // Since Rust 2018 `use child::x` may name a child module of the current one.
    const child = moduleFile(place, [...place.segments, first]);
    return child === null ? EXTERNAL : deepest(place, place.segments, segments);
  }

  const declaredEntryPoints = [...packages.values()].flatMap((found) => found.binRoots);
  return { scope: 'file', readsNames: false, resolve, declaredEntryPoints };
}

/** 'crate::a::{b, c}' → [crate, a]; '::std::io' → [std, io]; 'super::*' → [super]. */
function pathSegments(source: string): string[] {
  const path = source
    .replace(/\s+as\s+\w+\s*$/, '')
    .replace(/::\s*\{[\s\S]*\}\s*$/, '')
    .replace(/::\s*\*\s*$/, '');
  return path
    .split('::')
    .map((segment) => segment.trim().replace(/^r#/, ''))
    .filter((segment) => segment !== '');
}

function placeOf(index: RepositoryIndex, packages: ReadonlyMap<string, CargoPackage>, filePath: string): ModulePlace {
  let packageDirectory: string | null = null;
  for (const directory of ancestorDirectories(filePath)) {
    if (packages.has(directory)) {
      packageDirectory = directory;
      break;
    }
  }
  const found = packageDirectory === null ? undefined : packages.get(packageDirectory);
  if (found === undefined || packageDirectory === null) {
    // No Cargo.toml: the nearest folder holding a lib.rs or main.rs is the crate's.
    for (const directory of [parentDirectory(filePath), ...ancestorDirectories(parentDirectory(filePath))]) {
      const root = index.firstExisting([childPath(directory, 'lib.rs'), childPath(directory, 'main.rs')]);
      if (root !== null) return placeBelow(index, directory, filePath, root);
    }
    return { baseDirectory: parentDirectory(filePath), segments: [], crateRoot: filePath };
  }
  const parts = (packageDirectory === '' ? filePath : filePath.slice(packageDirectory.length + 1)).split('/');
  // Declared roots, and build.rs beside Cargo.toml, are crate roots.
  if (found.libRoot === filePath || found.binRoots.includes(filePath) || (parts.length === 1 && parts[0] === 'build.rs')) {
    return { baseDirectory: parentDirectory(filePath), segments: [], crateRoot: filePath };
  }
  // src/bin/x.rs and tests/x.rs are crate roots of their own; so is src/bin/x/main.rs for its folder.
  const targetDepth = parts[0] === 'src' && parts[1] === 'bin' ? 2 : TARGET_FOLDERS.has(parts[0] as string) ? 1 : 0;
  if (targetDepth > 0 && parts.length > targetDepth) {
    const targetFolder = childPath(packageDirectory, parts.slice(0, targetDepth).join('/'));
    if (parts.length === targetDepth + 1) return { baseDirectory: targetFolder, segments: [], crateRoot: filePath };
    const ownFolder = childPath(targetFolder, parts[targetDepth] as string);
    return placeBelow(index, ownFolder, filePath, childPath(ownFolder, 'main.rs'));
  }
  const sourceFolder = parts[0] === 'src' ? childPath(packageDirectory, 'src') : packageDirectory;
  const root = found.libRoot ?? index.firstExisting([childPath(sourceFolder, 'lib.rs'), childPath(sourceFolder, 'main.rs')]);
  return placeBelow(index, sourceFolder, filePath, root);
}

/** The place of a file under `baseDirectory`, whose root file is `crateRoot`. */
function placeBelow(index: RepositoryIndex, baseDirectory: string, filePath: string, crateRoot: string | null): ModulePlace {
  const relative = baseDirectory === '' ? filePath : filePath.slice(baseDirectory.length + 1);
  const segments = relative.replace(/\.rs$/, '').split('/');
  if (segments.length === 1 && (segments[0] === 'lib' || segments[0] === 'main')) {
    return { baseDirectory, segments: [], crateRoot: filePath };
  }
  if (segments[segments.length - 1] === 'mod') segments.pop();
  return { baseDirectory, segments, crateRoot: crateRoot !== null && index.has(crateRoot) ? crateRoot : null };
}

function parseCargo(index: RepositoryIndex, directory: string, text: string | null): CargoPackage {
  let toml: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === null ? {} : parseToml(text);
    if (isRecord(parsed)) toml = parsed;
  } catch {
    // A malformed Cargo.toml still marks a package folder.
  }
  const packageTable = isRecord(toml['package']) ? toml['package'] : {};
  const lib = isRecord(toml['lib']) ? toml['lib'] : {};
  const declaredLib = typeof lib['path'] === 'string' ? joinPath(directory, lib['path']) : null;
  const libRoot = index.firstExisting([declaredLib, childPath(directory, 'src/lib.rs')].filter((p): p is string => p !== null));
  const name = [lib['name'], packageTable['name']].find((value): value is string => typeof value === 'string') ?? null;
  const binRoots = new Set<string>();
  for (const bin of Array.isArray(toml['bin']) ? toml['bin'] : []) {
    const declared = isRecord(bin) && typeof bin['path'] === 'string' ? joinPath(directory, bin['path']) : null;
    if (declared !== null && index.has(declared)) binRoots.add(declared);
  }
  const main = childPath(directory, 'src/main.rs');
  if (index.has(main)) binRoots.add(main);
  for (const filePath of index.filesIn(childPath(directory, 'src/bin'))) if (filePath.endsWith('.rs')) binRoots.add(filePath);
  return { directory, crateName: name === null ? null : name.replaceAll('-', '_'), libRoot, binRoots: [...binRoots] };
}
