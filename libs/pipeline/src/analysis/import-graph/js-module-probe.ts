import type { JsPackage, JsPackages } from './js-packages.js';
import { subpathTargets } from './js-packages.js';
import type { RepositoryIndex } from './repository-index.js';
import { childPath, extensionOf, joinPath } from './repository-paths.js';

/** Extensions a specifier may leave out, in the order TypeScript and bundlers try them. */
const IMPLIED_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];

/** NodeNext and bundlers let `./x.js` name the TypeScript file that compiles to it. */
const TYPESCRIPT_FOR_JAVASCRIPT: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx', '.ts'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};

/** Folders builds write to; a package entry in one is looked for again under src/ (dist is rarely committed). */
const BUILD_FOLDERS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'es', 'umd', 'types', 'typings']);

/** Finds the file a module path names, the way Node and TypeScript would: extensions, index files, package.json. */
export class JsModuleProbe {
  constructor(
    private readonly index: RepositoryIndex,
    private readonly packages: JsPackages,
  ) {}

  /** A file or a folder's entry. */
  module(base: string): string | null {
    return this.file(base) ?? this.folder(base);
  }

  file(base: string): string | null {
    const index = this.index;
    if (index.has(base)) return base;
    const extension = extensionOf(base);
    const swaps = TYPESCRIPT_FOR_JAVASCRIPT[extension];
    if (swaps !== undefined) {
      const stem = base.slice(0, -extension.length);
      for (const swap of swaps) if (index.has(stem + swap)) return stem + swap;
    }
    for (const implied of IMPLIED_EXTENSIONS) if (index.has(base + implied)) return base + implied;
    return null;
  }

  private folder(directory: string): string | null {
    if (!this.index.isDirectory(directory)) return null;
    const found = this.packages.inDirectory(directory);
    return found === undefined ? this.indexFile(directory) : this.packageEntry(found, '');
  }

  private indexFile(directory: string): string | null {
    return this.file(childPath(directory, 'index'));
  }

  /** The file `import 'name/subpath'` reaches in a package of the repository. */
  packageEntry(found: JsPackage, subpath: string): string | null {
    const targets = subpathTargets(found.exports, subpath === '' ? '.' : `./${subpath}`);
    if (subpath === '') targets.push(...found.entryFields);
    const hit = this.firstTarget(found.directory, targets);
    if (hit !== null) return hit;
    if (subpath !== '') {
      const base = joinPath(found.directory, subpath);
      return base === null ? null : (this.file(base) ?? this.indexFile(base));
    }
    return this.indexFile(found.directory) ?? this.indexFile(childPath(found.directory, 'src'));
  }

  /** The first target (relative to `directory`) that is a file, trying each one's source twin after all. */
  firstTarget(directory: string, targets: readonly string[]): string | null {
    for (const target of targets) {
      const base = joinPath(directory, target);
      // A folder target is probed for its index only: its package.json may be the one being read.
      const hit = base === null ? null : (this.file(base) ?? this.indexFile(base));
      if (hit !== null) return hit;
    }
    for (const target of targets) {
      const twin = sourceTwin(target);
      const base = twin === null ? null : joinPath(directory, twin);
      const hit = base === null ? null : this.file(base);
      if (hit !== null) return hit;
    }
    return null;
  }
}

/** 'dist/esm/index.d.ts' → 'src/index': where the source of a built entry usually is. */
function sourceTwin(target: string): string | null {
  const segments = target.split('/').filter((segment) => segment !== '' && segment !== '.');
  let dropped = 0;
  while (dropped < segments.length - 1 && BUILD_FOLDERS.has(segments[dropped] as string)) dropped += 1;
  if (dropped === 0) return null;
  const rest = segments.slice(dropped).join('/').replace(/\.d\.[mc]?ts$/, '');
  return `src/${rest}`;
}
