import { parse } from 'ini';
import type { Dependency } from '@repolens/contracts';
import { spdxOfPythonClassifiers } from '../license-names.js';
import { asString, asTable, dependency, directoryOf, joinInside, manifestInfo, type ManifestReader, type ManifestSource } from './manifest.js';
import { parseRequirement } from './pep508.js';
import { DEV_EXTRA } from './pyproject.js';

type Kind = Dependency['kind'];

// An environment marker (`python_version < "3.8"`), never a requirement of its own.
const MARKER = /^\s*(python_(full_)?version|sys_platform|platform_\w+|os_name|implementation_\w+|extra)\b/;

/**
 * setup.cfg (setuptools' declarative config): `[options]` install_requires, tests_require and setup_requires,
 * `[options.extras_require]`, and name, summary and license from `[metadata]`.
 */
export const setupCfg: ManifestReader = {
  matches: (fileName) => fileName === 'setup.cfg',
  async read(text, manifest, source) {
    const config = parse(asIniText(text));
    const metadata = asTable(config['metadata']);
    const options = asTable(config['options']);
    const dependencies: Dependency[] = [];
    const add = async (value: unknown, kind: Kind): Promise<void> => {
      for (const line of await requirementLines(value, manifest, source)) {
        const requirement = parseRequirement(line);
        if (requirement !== null) dependencies.push(dependency('pypi', manifest, requirement.name, kind, requirement.version));
      }
    };

    await add(options?.['install_requires'], 'runtime');
    for (const [extra, value] of Object.entries(asTable(config['options.extras_require']) ?? {})) {
      await add(value, DEV_EXTRA.test(extra) ? 'dev' : 'optional');
    }
    await add(options?.['tests_require'], 'dev');
    await add(options?.['setup_requires'], 'build');

    const classifiers = listOf(metadata?.['classifiers']);
    const license = asString(metadata?.['license']);
    return manifestInfo(dependencies, {
      name: asString(metadata?.['name']),
      description: asString(metadata?.['description']) ?? asString(metadata?.['summary']),
      license: license ?? spdxOfPythonClassifiers(classifiers) ?? undefined,
    });
  },
};

/**
 * The `ini` package reads one line per value, while configparser continues a value on indented lines and
 * takes `key: value` as well as `key = value`. Each value is folded onto its key's line as a JSON string
 * (which `ini` decodes), and dots in section names escaped so `[options.extras_require]` stays one section.
 */
function asIniText(text: string): string {
  const out: string[] = [];
  let key: string | null = null;
  let value: string[] = [];
  const flush = (): void => {
    if (key !== null) out.push(`${key} = ${JSON.stringify(value.join('\n'))}`);
    key = null;
    value = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(line)) continue;
    const section = /^\[([^\]]+)\]\s*$/.exec(line)?.[1];
    const continuation = /^\s+\S/.test(line);
    const entry = /^([^=:\s][^=:]*)[=:](.*)$/.exec(line);
    if (section !== undefined) {
      flush();
      out.push(`[${section.trim().replace(/\./g, '\\.')}]`);
    } else if (continuation && key !== null) value.push(line.trim());
    else if (!continuation && entry?.[1] !== undefined) {
      flush();
      key = entry[1].trim();
      if (entry[2] !== undefined && entry[2].trim() !== '') value.push(entry[2].trim());
    }
  }
  flush();
  return out.join('\n');
}

function listOf(value: unknown): string[] {
  const text = asString(value);
  return text === undefined ? [] : text.split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== '');
}

/** One requirement per line; `file: requirements.txt` (setuptools' directive) reads the named files. */
async function requirementLines(value: unknown, manifest: string, source: ManifestSource): Promise<string[]> {
  const text = asString(value);
  if (text === undefined) return [];
  const files = /^file:\s*(.+)$/s.exec(text)?.[1];
  if (files === undefined) {
    // setuptools splits a multi-line value by lines and a one-line value at `;`, where a marker cannot follow.
    const items = text.includes('\n') ? text.split('\n') : text.split(';').filter((item) => !MARKER.test(item));
    return items.map((item) => item.trim()).filter((item) => item !== '');
  }
  const lines: string[] = [];
  for (const file of files.split(/[\s,]+/)) {
    const path = joinInside(directoryOf(manifest), file);
    const included = path === null ? null : await source.readFile(path);
    for (const line of included?.split(/\r?\n/) ?? []) {
      const requirement = line.replace(/(^|\s)#.*$/, '').trim();
      if (requirement !== '' && !requirement.startsWith('-')) lines.push(requirement);
    }
  }
  return lines;
}
