import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED } from './import-resolver.js';
import { baseName, joinPath, parentDirectory, sharedSegments } from './repository-paths.js';

export const C_EXTENSIONS = [
  '.c', '.h', '.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp', '.inl', '.tpp', '.cu', '.cuh', '.m', '.mm',
];

/** Folder names build files usually pass with -I. */
const INCLUDE_FOLDER_NAMES = new Set(['include', 'inc', 'src', 'source', 'lib']);

/**
 * C and C++: `#include "x.h"` is looked for beside the including file, then under the include roots
 * (the repository root and every include/, inc/, src/ folder), then — as the build's -I flags are
 * unknown — as the one file whose path ends with it, the nearest one when several do. `<x.h>` is tried
 * against the include roots only, and is a system header when not found.
 */
export async function createCResolver({ index }: ResolverFactoryInput): Promise<ImportResolver> {
  const includeRoots = new Set(['']);
  for (const filePath of index.paths) {
    let directory = parentDirectory(filePath);
    while (directory !== '') {
      if (INCLUDE_FOLDER_NAMES.has(baseName(directory))) includeRoots.add(directory);
      directory = parentDirectory(directory);
    }
  }

  /** The file `written` names under an include root, the shallowest root winning (a top-level include/). */
  function underRoots(written: string): string | null {
    const relative = joinPath('', written);
    if (relative === null || relative === '') return null;
    let best: string | null = null;
    let bestDepth = Infinity;
    for (const candidate of index.filesEndingWith(relative)) {
      const root = candidate === relative ? '' : candidate.slice(0, candidate.length - relative.length - 1);
      const depth = root === '' ? 0 : root.split('/').length;
      if (includeRoots.has(root) && depth < bestDepth) {
        best = candidate;
        bestDepth = depth;
      }
    }
    return best;
  }

  function resolve(fromFile: string, source: string): Resolution {
    const system = source.startsWith('<');
    const written = system ? source.replace(/^<|>$/g, '').trim() : source.replace(/^"|"$/g, '').trim();
    if (written === '') return EXTERNAL;
    if (system) {
      const hit = underRoots(written);
      return hit === null ? EXTERNAL : { kind: 'resolved', targets: [hit] };
    }
    const beside = joinPath(parentDirectory(fromFile), written);
    const hit = (beside !== null && index.has(beside) ? beside : null) ?? underRoots(written) ?? bySuffix(fromFile, written);
    return hit === null ? UNRESOLVED : { kind: 'resolved', targets: [hit] };
  }

  function bySuffix(fromFile: string, written: string): string | null {
    const relative = joinPath('', written);
    if (relative === null || relative === '') return null;
    const matches = index.filesEndingWith(relative);
    let best: string | null = null;
    let bestShared = -1;
    for (const candidate of matches) {
      const shared = sharedSegments(parentDirectory(candidate), parentDirectory(fromFile));
      if (shared > bestShared) {
        best = candidate;
        bestShared = shared;
      }
    }
    return best;
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints: [] };
}
