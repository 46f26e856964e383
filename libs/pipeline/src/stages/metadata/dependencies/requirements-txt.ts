import type { Dependency } from '@repolens/contracts';
import type { ManifestReader } from './manifest.js';
import { parseRequirement } from './pep508.js';

const REQUIREMENTS_FILE = /^(.*[-_.])?requirements([-_.].*)?\.txt$/i;
const DEV_HINT = /(^|[-_./])(dev|develop|test|tests|testing|lint|docs?|ci|typing)([-_.]|$)/i;

/** requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/test.txt ... */
export const requirementsTxt: ManifestReader = {
  matches: (fileName, filePath) => REQUIREMENTS_FILE.test(fileName) || /(^|\/)requirements\/[^/]+\.txt$/i.test(filePath),
  read(text, manifest) {
    const fileName = manifest.slice(manifest.lastIndexOf('/') + 1);
    // `requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.txt`
    const kind = DEV_HINT.test(fileName.replace(/requirements/i, '')) ? 'dev' : 'runtime';
    const dependencies: Dependency[] = [];
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
      // Options (-r other.txt, -e ., --index-url ...) name no package of their own.
      if (line === '' || line.startsWith('-')) continue;
      const requirement = requirementOfLine(line);
      if (requirement === null) continue;
      dependencies.push({ ecosystem: 'pypi', manifest, kind, ...requirement });
    }
    return { dependencies };
  },
};

function requirementOfLine(line: string): { name: string; version?: string } | null {
  // `git+https://...#egg=name`
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(line);
  if (/^[a-z+]+:\/\//i.test(line)) return egg?.[1] === undefined ? null : { name: egg[1] };
  return parseRequirement(line);
}
