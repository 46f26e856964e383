import { parse } from 'smol-toml';
import type { Dependency } from '@repolens/contracts';
import { asString, asTable, dependency, type ManifestReader } from './manifest.js';

/** Pipfile (pipenv): `[packages]` are runtime, `[dev-packages]` dev; `*` means any version and is kept as written. */
export const pipfile: ManifestReader = {
  matches: (fileName) => fileName === 'Pipfile',
  read(text, manifest) {
    const toml = parse(text);
    const dependencies: Dependency[] = [];
    for (const [section, kind] of [['packages', 'runtime'], ['dev-packages', 'dev']] as const) {
      for (const [name, spec] of Object.entries(asTable(toml[section]) ?? {})) {
        // `requests = "*"`, `django = { version = ">=4", extras = [...] }` or `{ git = "...", ref = "..." }`.
        dependencies.push(dependency('pypi', manifest, name, kind, asString(spec) ?? asString(asTable(spec)?.['version'])));
      }
    }
    return { dependencies };
  },
};
