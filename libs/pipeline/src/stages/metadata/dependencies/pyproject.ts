import { parse } from 'smol-toml';
import type { Dependency } from '@repolens/contracts';
import { spdxOfPythonClassifiers } from '../license-names.js';
import { asString, asStrings, asTable, dependency, manifestInfo, type ManifestReader } from './manifest.js';
import { parseRequirement } from './pep508.js';

type Kind = Dependency['kind'];
type Add = (name: string, kind: Kind, version?: string) => void;

// Extras named like these hold tooling rather than optional features.
export const DEV_EXTRA = /^(dev|devel|develop|development|test|tests|testing|lint|linting|docs?|typing|types|ci|check|style|format|bench|benchmarks?)$/i;

/**
 * pyproject.toml: PEP 621 `[project]` (extras are optional, tooling extras dev), PEP 735 `[dependency-groups]`,
 * Poetry (groups), PDM and uv dev dependencies, Hatch environments, and `[build-system]` requirements.
 */
export const pyprojectToml: ManifestReader = {
  matches: (fileName) => fileName === 'pyproject.toml',
  read(text, manifest) {
    const toml = parse(text);
    const project = asTable(toml['project']);
    const tool = asTable(toml['tool']);
    const poetry = asTable(tool?.['poetry']);
    const dependencies: Dependency[] = [];
    const add: Add = (name, kind, version) => dependencies.push(dependency('pypi', manifest, name, kind, version));
    const addRequirements = (list: unknown, kind: Kind): void => {
      for (const item of asStrings(list)) {
        const requirement = parseRequirement(item);
        if (requirement !== null) add(requirement.name, kind, requirement.version);
      }
    };
    // `{ include-group = "test" }` entries of PEP 735 name other groups, already listed on their own.
    const addGroups = (table: unknown, kind: Kind): void => {
      for (const list of Object.values(asTable(table) ?? {})) addRequirements(list, kind);
    };

    addRequirements(project?.['dependencies'], 'runtime');
    for (const [extra, list] of Object.entries(asTable(project?.['optional-dependencies']) ?? {})) {
      addRequirements(list, DEV_EXTRA.test(extra) ? 'dev' : 'optional');
    }
    addGroups(toml['dependency-groups'], 'dev');
    addGroups(asTable(tool?.['pdm'])?.['dev-dependencies'], 'dev');
    addRequirements(asTable(tool?.['uv'])?.['dev-dependencies'], 'dev');
    for (const environment of Object.values(asTable(asTable(tool?.['hatch'])?.['envs']) ?? {})) {
      addRequirements(asTable(environment)?.['dependencies'], 'dev');
      addRequirements(asTable(environment)?.['extra-dependencies'], 'dev');
    }
    addRequirements(asTable(toml['build-system'])?.['requires'], 'build');

    addPoetryTable(poetry?.['dependencies'], 'runtime', add);
    addPoetryTable(poetry?.['dev-dependencies'], 'dev', add);
    for (const [groupName, group] of Object.entries(asTable(poetry?.['group']) ?? {})) {
      addPoetryTable(asTable(group)?.['dependencies'], groupName === 'main' ? 'runtime' : 'dev', add);
    }

    const classifiers = [...asStrings(project?.['classifiers']), ...asStrings(poetry?.['classifiers'])];
    return manifestInfo(dependencies, {
      name: asString(project?.['name']) ?? asString(poetry?.['name']),
      description: asString(project?.['description']) ?? asString(poetry?.['description']),
      license: licenseOf(project?.['license']) ?? asString(poetry?.['license']) ?? spdxOfPythonClassifiers(classifiers) ?? undefined,
    });
  },
};

/**
 * `requests = "^2.31"`, `rich = { version = "^13.0", optional = true }` or a list of such tables for
 * several markers; `python` is the interpreter, not a package.
 */
function addPoetryTable(value: unknown, kind: Kind, add: Add): void {
  for (const [name, spec] of Object.entries(asTable(value) ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const table = asTable(Array.isArray(spec) ? spec[0] : spec);
    const optional = kind === 'runtime' && table?.['optional'] === true;
    add(name, optional ? 'optional' : kind, asString(spec) ?? asString(table?.['version']));
  }
}

/** PEP 639 `license = "MIT"`, or the older `license = { text = "MIT" }`. */
function licenseOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asTable(value)?.['text']);
}
