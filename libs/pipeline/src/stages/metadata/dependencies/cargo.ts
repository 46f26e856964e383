import { parse } from 'smol-toml';
import type { Dependency } from '@repolens/contracts';
import { asString, asTable, type ManifestInfo, type ManifestReader } from './manifest.js';

const SECTIONS = [
  ['dependencies', 'runtime'],
  ['dev-dependencies', 'dev'],
  ['build-dependencies', 'build'],
] as const;

/** Cargo.toml, including `[target.'cfg(...)'.dependencies]` and a workspace's shared `[workspace.dependencies]`. */
export const cargoToml: ManifestReader = {
  matches: (fileName) => fileName === 'Cargo.toml',
  read(text, manifest): ManifestInfo {
    const toml = parse(text);
    const dependencies: Dependency[] = [];
    const tables = [toml, ...Object.values(asTable(toml['target']) ?? {})];
    for (const table of tables) {
      for (const [section, kind] of SECTIONS) addTable(asTable(table)?.[section], kind, manifest, dependencies);
    }
    addTable(asTable(toml['workspace'])?.['dependencies'], 'runtime', manifest, dependencies);

    const pkg = asTable(toml['package']);
    const name = asString(pkg?.['name']);
    const description = asString(pkg?.['description']);
    const license = asString(pkg?.['license']);
    return {
      dependencies,
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      ...(license === undefined ? {} : { license }),
    };
  },
};

/** `serde = "1"` or `serde = { version = "1", features = [...] }`; git, path and workspace ones have no version. */
function addTable(value: unknown, kind: Dependency['kind'], manifest: string, out: Dependency[]): void {
  for (const [key, spec] of Object.entries(asTable(value) ?? {})) {
    const table = asTable(spec);
    // `alias = { package = "real-name", ... }`
    const name = asString(table?.['package']) ?? key;
    const version = asString(spec) ?? asString(table?.['version']);
    out.push({ ecosystem: 'cargo', manifest, name, kind, ...(version === undefined ? {} : { version }) });
  }
}
