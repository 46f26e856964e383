import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED, resolvedTo } from './import-resolver.js';
import { JsModuleProbe } from './js-module-probe.js';
import { JsPackages, subpathTargets } from './js-packages.js';
import { joinPath, parentDirectory } from './repository-paths.js';
import { TsconfigPaths, matchPaths } from './tsconfig-paths.js';

export const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * TypeScript and JavaScript: relative specifiers with extension probing (NodeNext's `./x.js` for x.ts
 * included), tsconfig/jsconfig `paths` and `baseUrl`, package.json `imports` (`#x`) and the packages of
 * the repository's workspaces by name. Anything else is an npm package or a Node built-in.
 */
export async function createJsResolver({ index, read }: ResolverFactoryInput): Promise<ImportResolver> {
  const packages = await JsPackages.load(index, read);
  const tsconfigs = await TsconfigPaths.load(index, read, packages);
  const probe = new JsModuleProbe(index, packages);

  function resolve(fromFile: string, written: string): Resolution {
    const specifier = cleanSpecifier(written);
    if (specifier === '' || specifier.startsWith('node:')) return EXTERNAL;
    if (isRelative(specifier)) {
      const base = joinPath(parentDirectory(fromFile), specifier);
      return resolvedTo([base === null ? null : probe.module(base)]);
    }
    if (specifier.startsWith('/')) {
      // A URL-rooted path (Vite serves '/src/main.ts' and public/ files from the site root).
      const base = joinPath('', specifier);
      const hit = base === null ? null : (probe.module(base) ?? probe.file(`public/${base}`));
      return hit === null ? EXTERNAL : resolvedTo([hit]);
    }
    if (specifier.startsWith('#')) return resolveSubpathImport(fromFile, specifier);

    const mapping = tsconfigs.forFile(fromFile);
    const mapped = mapping === null ? null : matchPaths(mapping, specifier);
    if (mapped !== null) {
      for (const candidate of mapped.candidates) {
        const hit = probe.module(candidate);
        if (hit !== null) return resolvedTo([hit]);
      }
      if (mapped.internal) return UNRESOLVED;
    }
    const workspace = packages.forSpecifier(specifier);
    if (workspace !== null) return resolvedTo([probe.packageEntry(workspace.package, workspace.subpath)]);
    if (mapping !== null && mapping.baseUrl !== null) {
      const base = joinPath(mapping.baseUrl, specifier);
      const hit = base === null ? null : probe.module(base);
      if (hit !== null) return resolvedTo([hit]);
    }
    return EXTERNAL;
  }

  /** `#db` through the `imports` field of the nearest package.json. */
  function resolveSubpathImport(fromFile: string, specifier: string): Resolution {
    const owner = packages.nearest(fromFile);
    if (owner === undefined) return UNRESOLVED;
    const targets = subpathTargets(owner.imports, specifier);
    const local = targets.filter((target) => target.startsWith('.'));
    // `"#dep": "some-npm-package"` maps to a dependency, not to a file.
    if (targets.length > 0 && local.length === 0) return EXTERNAL;
    return resolvedTo([probe.firstTarget(owner.directory, local)]);
  }

  const declaredEntryPoints: string[] = [];
  for (const found of packages.all()) {
    for (const target of [...found.bin, ...found.entryFields, ...subpathTargets(found.exports, '.')]) {
      const hit = probe.firstTarget(found.directory, [target]);
      if (hit !== null && !declaredEntryPoints.includes(hit)) declaredEntryPoints.push(hit);
    }
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints };
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** Drops webpack loader prefixes (`raw-loader!./x`) and Vite queries (`./x.svg?raw`). */
function cleanSpecifier(written: string): string {
  let specifier = written.trim();
  const bang = specifier.lastIndexOf('!');
  if (bang >= 0) specifier = specifier.slice(bang + 1);
  const query = specifier.search(/[?]/);
  if (query >= 0) specifier = specifier.slice(0, query);
  return specifier;
}
