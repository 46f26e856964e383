import type { Dependency } from '@repolens/contracts';
import { asString, asTable, type ManifestInfo, type ManifestReader } from './manifest.js';

const SECTIONS = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
] as const;

/** package.json */
export const npmManifest: ManifestReader = {
  matches: (fileName) => fileName === 'package.json',
  read(text, manifest): ManifestInfo {
    const json: unknown = JSON.parse(text);
    const pkg = asTable(json);
    if (pkg === undefined) throw new Error('package.json is not a JSON object');

    const dependencies: Dependency[] = [];
    for (const [field, kind] of SECTIONS) {
      for (const [name, version] of Object.entries(asTable(pkg[field]) ?? {})) {
        const range = asString(version);
        dependencies.push({ ecosystem: 'npm', manifest, name, kind, ...(range === undefined ? {} : { version: range }) });
      }
    }
    const name = asString(pkg['name']);
    const description = asString(pkg['description']);
    const license = licenseOf(pkg['license']);
    return {
      dependencies,
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      ...(license === undefined ? {} : { license }),
    };
  },
};

/** `"MIT"`, or the old `{ "type": "MIT" }` form. */
function licenseOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asTable(value)?.['type']);
}
