import type { Dependency } from '@repolens/contracts';
import { asString, asStrings, asTable, dependency, manifestInfo, type ManifestReader } from './manifest.js';

const SECTIONS = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
] as const;

/** package.json, with its `workspaces` (an array of globs, or Yarn's `{ packages: [...] }`). */
export const npmManifest: ManifestReader = {
  matches: (fileName) => fileName === 'package.json',
  read(text, manifest) {
    const pkg = asTable(JSON.parse(text) as unknown);
    if (pkg === undefined) throw new Error('package.json is not a JSON object');

    const dependencies: Dependency[] = [];
    for (const [field, kind] of SECTIONS) {
      for (const [name, version] of Object.entries(asTable(pkg[field]) ?? {})) {
        dependencies.push(dependency('npm', manifest, name, kind, asString(version)));
      }
    }
    const workspaces = pkg['workspaces'];
    const patterns = Array.isArray(workspaces) ? asStrings(workspaces) : asStrings(asTable(workspaces)?.['packages']);
    return manifestInfo(dependencies, {
      name: asString(pkg['name']),
      description: asString(pkg['description']),
      license: licenseOf(pkg['license']) ?? licensesOf(pkg['licenses']),
      workspace: { patterns, memberManifest: 'package.json' },
    });
  },
};

/** `"MIT"`, or the old `{ "type": "MIT" }` form. */
function licenseOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asTable(value)?.['type']);
}

/** The old `"licenses": [{ "type": "MIT" }, { "type": "Apache-2.0" }]`: a choice between them. */
function licensesOf(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value.map(licenseOf).filter((id): id is string => id !== undefined);
  return ids.length === 0 ? undefined : ids.join(' OR ');
}
