import { parse } from 'smol-toml';
import type { Dependency } from '@repolens/contracts';
import { asString, asTable, type ManifestInfo, type ManifestReader } from './manifest.js';
import { parseRequirement } from './pep508.js';

type Kind = Dependency['kind'];
const DEV_GROUP = /^(dev|develop|development|test|tests|testing|lint|linting|docs?|typing|ci)$/i;

/** pyproject.toml: PEP 621 `[project]`, PEP 735 `[dependency-groups]`, Poetry and `[build-system]`. */
export const pyprojectToml: ManifestReader = {
  matches: (fileName) => fileName === 'pyproject.toml',
  read(text, manifest): ManifestInfo {
    const toml = parse(text);
    const project = asTable(toml['project']);
    const poetry = asTable(asTable(toml['tool'])?.['poetry']);
    const dependencies: Dependency[] = [];
    const add = (name: string, kind: Kind, version?: string): void => {
      dependencies.push({ ecosystem: 'pypi', manifest, name, kind, ...(version === undefined ? {} : { version }) });
    };
    const addRequirements = (list: unknown, kind: Kind): void => {
      if (!Array.isArray(list)) return;
      for (const item of list) {
        const requirement = typeof item === 'string' ? parseRequirement(item) : null;
        if (requirement !== null) add(requirement.name, kind, requirement.version);
      }
    };

    addRequirements(project?.['dependencies'], 'runtime');
    for (const [group, list] of Object.entries(asTable(project?.['optional-dependencies']) ?? {})) {
      addRequirements(list, DEV_GROUP.test(group) ? 'dev' : 'optional');
    }
    for (const list of Object.values(asTable(toml['dependency-groups']) ?? {})) addRequirements(list, 'dev');
    addRequirements(asTable(toml['build-system'])?.['requires'], 'build');

    addPoetryTable(poetry?.['dependencies'], 'runtime', add);
    addPoetryTable(poetry?.['dev-dependencies'], 'dev', add);
    for (const group of Object.values(asTable(poetry?.['group']) ?? {})) {
      addPoetryTable(asTable(group)?.['dependencies'], 'dev', add);
    }

    const name = asString(project?.['name']) ?? asString(poetry?.['name']);
    const description = asString(project?.['description']) ?? asString(poetry?.['description']);
    const license = licenseOf(project?.['license']) ?? asString(poetry?.['license']);
    return {
      dependencies,
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      ...(license === undefined ? {} : { license }),
    };
  },
};

/** `requests = "^2.31"` or `requests = { version = "^2.31", extras = [...] }`; `python` is the interpreter. */
function addPoetryTable(value: unknown, kind: Kind, add: (name: string, kind: Kind, version?: string) => void): void {
  for (const [name, spec] of Object.entries(asTable(value) ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    add(name, kind, asString(spec) ?? asString(asTable(spec)?.['version']));
  }
}

/** PEP 639 `license = "MIT"`, or the older `license = { text = "MIT" }`. */
function licenseOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asTable(value)?.['text']);
}
