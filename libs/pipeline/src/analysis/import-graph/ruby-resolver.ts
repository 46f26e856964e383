import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED } from './import-resolver.js';
import { childPath, joinPath, parentDirectory } from './repository-paths.js';

export const RUBY_EXTENSIONS = ['.rb', '.rake'];

/**
 * Ruby: `require_relative 'x'` (written './x') is relative to the requiring file; `require 'x'` is
 * looked for on the load path a gem sets up (lib/ of the repository and of every gem in it, then the
 * root), and is a gem or the standard library when not found there.
 */
export async function createRubyResolver({ index }: ResolverFactoryInput): Promise<ImportResolver> {
  const loadPath = new Set(['lib']);
  for (const filePath of index.paths) {
    if (filePath.endsWith('.gemspec')) loadPath.add(childPath(parentDirectory(filePath), 'lib'));
  }
  loadPath.add('');
  const roots = [...loadPath].filter((root) => index.isDirectory(root));

  function file(base: string | null): string | null {
    return base === null || base === '' ? null : index.firstExisting([`${base}.rb`, base]);
  }

  function resolve(fromFile: string, source: string): Resolution {
    const written = source.trim();
    if (written.startsWith('./') || written.startsWith('../')) {
      // `require './x'` is relative to the working folder, usually the root; require_relative to the file.
      const hit = file(joinPath(parentDirectory(fromFile), written)) ?? file(joinPath('', written));
      return hit === null ? UNRESOLVED : { kind: 'resolved', targets: [hit] };
    }
    for (const root of roots) {
      const hit = file(joinPath(root, written));
      if (hit !== null) return { kind: 'resolved', targets: [hit] };
    }
    return EXTERNAL;
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints: [] };
}
