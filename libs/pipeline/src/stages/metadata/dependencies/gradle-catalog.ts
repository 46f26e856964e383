import { parse } from 'smol-toml';
import { asString, asStrings, asTable, directoriesUpward, directoryOf, type ManifestSource } from './manifest.js';

/** A module or plugin a build refers to. */
export interface Coordinate {
  readonly name: string;
  readonly version?: string;
}

/** A Gradle version catalog (`gradle/libs.versions.toml`), looked up by the accessors builds use. */
export interface VersionCatalog {
  /** `libs.okhttp.logging` → `okhttp.logging`; `libs.bundles.ktor` → `bundles.ktor` (several). */
  libraries(accessor: string): Coordinate[];
  /** `libs.plugins.kotlin.jvm` → `kotlin.jvm`. */
  plugin(accessor: string): Coordinate | null;
}

type Table = Readonly<Record<string, unknown>>;

/** The catalog of the build a script belongs to: the nearest `gradle/libs.versions.toml` at or above it. */
export async function loadVersionCatalog(buildFile: string, source: ManifestSource): Promise<VersionCatalog | null> {
  for (const directory of directoriesUpward(directoryOf(buildFile))) {
    const text = await source.readFile(directory === '' ? 'gradle/libs.versions.toml' : `${directory}/gradle/libs.versions.toml`);
    if (text === null) continue;
    try {
      return versionCatalog(parse(text));
    } catch {
      return null;
    }
  }
  return null;
}

// Aliases `okhttp-logging`, `okhttp_logging` and `okhttp.logging` all become the accessor `okhttp.logging`.
const accessorOf = (alias: string): string => alias.replace(/[-_]/g, '.');

export function versionCatalog(toml: Table): VersionCatalog {
  const versions = asTable(toml['versions']) ?? {};
  const libraries = new Map<string, Coordinate>();
  for (const [alias, spec] of Object.entries(asTable(toml['libraries']) ?? {})) {
    const coordinate = libraryOf(spec, versions);
    if (coordinate !== null) libraries.set(accessorOf(alias), coordinate);
  }
  const bundles = new Map<string, string[]>();
  for (const [alias, members] of Object.entries(asTable(toml['bundles']) ?? {})) bundles.set(accessorOf(alias), asStrings(members).map(accessorOf));
  const plugins = new Map<string, Coordinate>();
  for (const [alias, spec] of Object.entries(asTable(toml['plugins']) ?? {})) {
    const [id, version] = (asString(spec) ?? '').split(':');
    const name = asString(asTable(spec)?.['id']) ?? asString(id);
    if (name !== undefined) plugins.set(accessorOf(alias), withVersion(name, asString(version) ?? versionOf(asTable(spec), versions)));
  }

  return {
    libraries(accessor) {
      if (accessor.startsWith('bundles.')) {
        const members = bundles.get(accessor.slice('bundles.'.length)) ?? [];
        return members.map((member) => libraries.get(member)).filter((library): library is Coordinate => library !== undefined);
      }
      const library = libraries.get(accessor);
      return library === undefined ? [] : [library];
    },
    plugin: (accessor) => plugins.get(accessor) ?? null,
  };
}

/** `"g:a:1.0"`, `{ module = "g:a", version.ref = "x" }` or `{ group = "g", name = "a", version = "1.0" }`. */
function libraryOf(spec: unknown, versions: Table): Coordinate | null {
  const notation = asString(spec);
  if (notation !== undefined) {
    const [group, artifact, version] = notation.split(':');
    return group === undefined || artifact === undefined ? null : withVersion(`${group}:${artifact}`, version);
  }
  const table = asTable(spec);
  const module = asString(table?.['module']);
  const group = asString(table?.['group']);
  const artifact = asString(table?.['name']);
  const name = module ?? (group !== undefined && artifact !== undefined ? `${group}:${artifact}` : undefined);
  return name === undefined ? null : withVersion(name, versionOf(table, versions));
}

/** `version = "1"`, `version.ref = "x"`, or rich versions `{ strictly, require, prefer }`. */
function versionOf(table: Table | undefined, versions: Table): string | undefined {
  const version = table?.['version'];
  const reference = asString(asTable(version)?.['ref']);
  return richVersion(reference === undefined ? version : versions[reference]);
}

function richVersion(value: unknown): string | undefined {
  const table = asTable(value);
  return asString(value) ?? asString(table?.['require']) ?? asString(table?.['strictly']) ?? asString(table?.['prefer']);
}

function withVersion(name: string, version: string | undefined): Coordinate {
  return version === undefined || version === '' ? { name } : { name, version };
}
