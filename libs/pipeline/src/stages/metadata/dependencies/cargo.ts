import { parse } from 'smol-toml';
import type { Dependency } from '@repolens/contracts';
import {
  asString,
  asStrings,
  asTable,
  dependency,
  directoriesUpward,
  directoryOf,
  manifestInfo,
  type ManifestReader,
  type ManifestSource,
} from './manifest.js';

type Table = Readonly<Record<string, unknown>>;

const SECTIONS = [
  ['dependencies', 'runtime'],
  ['dev-dependencies', 'dev'],
  ['build-dependencies', 'build'],
] as const;

/**
 * Cargo.toml: `[dependencies]`, dev- and build-dependencies, `[target.'cfg(...)'.*]` tables, a workspace's
 * shared `[workspace.dependencies]` and its `members`; `{ workspace = true }` entries take the version
 * (and `license.workspace = true` the license) the workspace root declares.
 */
export const cargoToml: ManifestReader = {
  matches: (fileName) => fileName === 'Cargo.toml',
  async read(text, manifest, source) {
    const toml = parse(text);
    const workspace = asTable(toml['workspace']) !== undefined ? toml : await workspaceRoot(manifest, source);
    const shared = asTable(asTable(workspace?.['workspace'])?.['dependencies']);
    const dependencies: Dependency[] = [];
    const tables = [toml, ...Object.values(asTable(toml['target']) ?? {})];
    for (const table of tables) {
      for (const [section, kind] of SECTIONS) addTable(asTable(table)?.[section], kind, manifest, shared, dependencies);
    }
    addTable(asTable(toml['workspace'])?.['dependencies'], 'runtime', manifest, undefined, dependencies);

    const pkg = asTable(toml['package']);
    const sharedPackage = asTable(asTable(workspace?.['workspace'])?.['package']);
    const members = asTable(toml['workspace']);
    return manifestInfo(dependencies, {
      name: asString(pkg?.['name']),
      description: inherited(pkg?.['description'], sharedPackage?.['description']),
      license: inherited(pkg?.['license'], sharedPackage?.['license']),
      workspace: {
        patterns: [...asStrings(members?.['members']), ...asStrings(members?.['exclude']).map((path) => `!${path}`)],
        memberManifest: 'Cargo.toml',
      },
    });
  },
};

/** `license = "MIT"`, or `license.workspace = true` taking the workspace's `[workspace.package]` value. */
function inherited(value: unknown, shared: unknown): string | undefined {
  return asTable(value)?.['workspace'] === true ? asString(shared) : asString(value);
}

/** The nearest Cargo.toml above the manifest with a `[workspace]` table, as Cargo looks for it. */
async function workspaceRoot(manifest: string, source: ManifestSource): Promise<Table | undefined> {
  const [, ...above] = directoriesUpward(directoryOf(manifest));
  for (const directory of above) {
    const text = await source.readFile(directory === '' ? 'Cargo.toml' : `${directory}/Cargo.toml`);
    if (text === null) continue;
    try {
      const toml = parse(text);
      if (asTable(toml['workspace']) !== undefined) return toml;
    } catch {
      // A malformed parent is reported when it is read as a manifest of its own.
      return undefined;
    }
  }
  return undefined;
}

/** `serde = "1"` or `serde = { version = "1", features = [...] }`; git and path ones have no version. */
function addTable(value: unknown, kind: Dependency['kind'], manifest: string, shared: Table | undefined, out: Dependency[]): void {
  for (const [key, spec] of Object.entries(asTable(value) ?? {})) {
    const table = asTable(spec);
    const fromWorkspace = table?.['workspace'] === true ? shared?.[key] : undefined;
    // `alias = { package = "real-name", ... }`
    const name = asString(table?.['package']) ?? asString(asTable(fromWorkspace)?.['package']) ?? key;
    const version = asString(spec) ?? asString(table?.['version']) ?? asString(fromWorkspace) ?? asString(asTable(fromWorkspace)?.['version']);
    const optional = kind === 'runtime' && table?.['optional'] === true;
    out.push(dependency('cargo', manifest, name, optional ? 'optional' : kind, version));
  }
}
