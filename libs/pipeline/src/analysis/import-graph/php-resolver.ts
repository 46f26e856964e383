import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED } from './import-resolver.js';
import { isRecord } from './js-packages.js';
import type { RepositoryIndex } from './repository-index.js';
import { joinPath, parentDirectory } from './repository-paths.js';

export const PHP_EXTENSIONS = ['.php', '.phtml', '.inc'];

/** One namespace prefix of composer.json's autoload (PSR-4 or the older PSR-0). */
interface AutoloadRule {
  readonly prefix: string;
  readonly directories: readonly string[];
  readonly psr0: boolean;
}

/**
 * PHP: `use App\Models\User` through composer.json's PSR-4 and PSR-0 autoload rules (autoload-dev
 * too), else to the one file whose path ends with App/Models/User.php; `require 'lib/x.php'` relative
 * to the requiring file, then to the root (an `__DIR__ . '/x.php'` arrives as '/x.php').
 */
export async function createPhpResolver({ index, read }: ResolverFactoryInput): Promise<ImportResolver> {
  const rules: AutoloadRule[] = [];
  const declaredEntryPoints: string[] = [];
  for (const manifest of index.manifestsNamed('composer.json')) {
    const composer = parseJson(await read(manifest));
    const directory = parentDirectory(manifest);
    rules.push(...autoloadRules(composer['autoload'], directory), ...autoloadRules(composer['autoload-dev'], directory));
    const bins = Array.isArray(composer['bin']) ? composer['bin'] : [];
    for (const bin of bins) {
      const target = typeof bin === 'string' ? joinPath(directory, bin) : null;
      if (target !== null && index.has(target)) declaredEntryPoints.push(target);
    }
  }
  rules.sort((a, b) => b.prefix.length - a.prefix.length);

  function resolve(fromFile: string, source: string): Resolution {
    const written = source.trim();
    if (/\.(php|phtml|inc)$/i.test(written) || written.includes('/')) {
      const relative = written.replace(/^\/+/, '');
      const hit = index.firstExisting(
        [joinPath(parentDirectory(fromFile), relative), joinPath('', relative)].filter((p): p is string => p !== null),
      );
      return hit === null ? UNRESOLVED : { kind: 'resolved', targets: [hit] };
    }
    // `use App\Models\{User, Team}` imports each member of the group.
    const group = /^\\*(.*?)\\\s*\{([^}]*)\}\s*$/.exec(written);
    const names = group === null
      ? [written.replace(/^\\+/, '')]
      : (group[2] as string).split(',').map((member) => `${group[1] as string}\\${member.trim().split(/\s+/)[0] as string}`);
    const resolutions = names.map(resolveName);
    const targets = resolutions.flatMap((resolution) => (resolution.kind === 'resolved' ? resolution.targets : []));
    if (targets.length > 0) return { kind: 'resolved', targets: [...new Set(targets)] };
    return resolutions.some((resolution) => resolution.kind === 'unresolved') ? UNRESOLVED : EXTERNAL;
  }

  function resolveName(name: string): Resolution {
    let claimed = false;
    for (const rule of rules) {
      if (!name.startsWith(rule.prefix)) continue;
      claimed ||= rule.prefix !== '';
      const hit = autoloadedFile(index, rule, name);
      if (hit !== null) return { kind: 'resolved', targets: [hit] };
    }
    if (claimed) return UNRESOLVED;
    const hit = uniqueBySuffix(index, `${name.replaceAll('\\', '/')}.php`);
    return hit === null ? EXTERNAL : { kind: 'resolved', targets: [hit] };
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints };
}

function autoloadedFile(index: RepositoryIndex, rule: AutoloadRule, name: string): string | null {
  let relative: string;
  if (rule.psr0) {
    // PSR-0: the whole name is the path, and underscores in the class name are folders too.
    const separator = name.lastIndexOf('\\');
    relative = `${name.slice(0, separator + 1).replaceAll('\\', '/')}${name.slice(separator + 1).replaceAll('_', '/')}`;
  } else {
    relative = name.slice(rule.prefix.length).replaceAll('\\', '/');
  }
  for (const directory of rule.directories) {
    const candidate = joinPath(directory, `${relative}.php`);
    if (candidate !== null && index.has(candidate)) return candidate;
  }
  return null;
}

function uniqueBySuffix(index: RepositoryIndex, relative: string): string | null {
  const matches = index.filesEndingWith(relative);
  return matches.length === 1 ? (matches[0] as string) : null;
}

function autoloadRules(autoload: unknown, directory: string): AutoloadRule[] {
  if (!isRecord(autoload)) return [];
  const rules: AutoloadRule[] = [];
  for (const [standard, psr0] of [['psr-4', false], ['psr-0', true]] as const) {
    const table = autoload[standard];
    if (!isRecord(table)) continue;
    for (const [prefix, value] of Object.entries(table)) {
      const directories = (Array.isArray(value) ? value : [value])
        .filter((entry): entry is string => typeof entry === 'string')
        .map((entry) => joinPath(directory, entry))
        .filter((entry): entry is string => entry !== null);
      rules.push({ prefix: prefix.replace(/^\\+/, ''), directories, psr0 });
    }
  }
  return rules;
}

function parseJson(text: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = text === null ? null : JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
