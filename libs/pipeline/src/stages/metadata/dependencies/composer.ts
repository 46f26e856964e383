import type { Dependency } from '@repolens/contracts';
import { asString, asStrings, asTable, dependency, manifestInfo, type ManifestReader } from './manifest.js';

// Platform requirements: the PHP version, extensions, system libraries and Composer itself.
const PLATFORM_PACKAGE = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin-api|-runtime-api)?)$/i;

/** composer.json: `require` is runtime and `require-dev` dev, platform requirements left out. */
export const composerJson: ManifestReader = {
  matches: (fileName) => fileName === 'composer.json',
  read(text, manifest) {
    const composer = asTable(JSON.parse(text) as unknown);
    if (composer === undefined) throw new Error('composer.json is not a JSON object');
    const dependencies: Dependency[] = [];
    for (const [section, kind] of [['require', 'runtime'], ['require-dev', 'dev']] as const) {
      for (const [name, constraint] of Object.entries(asTable(composer[section]) ?? {})) {
        if (!PLATFORM_PACKAGE.test(name)) dependencies.push(dependency('composer', manifest, name, kind, asString(constraint)));
      }
    }
    // `"license": "MIT"` or `["MIT", "GPL-3.0-or-later"]`, the latter a choice between them.
    const licenses = asStrings(composer['license']);
    return manifestInfo(dependencies, {
      name: asString(composer['name']),
      description: asString(composer['description']),
      license: licenses.length === 0 ? undefined : licenses.join(' OR '),
    });
  },
};
