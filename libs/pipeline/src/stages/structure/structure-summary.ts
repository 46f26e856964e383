import { FILE_CATEGORIES, type FileCategory, type StructureFile, type StructureResult } from '@repolens/contracts';
import { languageTypeOf } from '../../languages.js';

const LARGEST_FILES = 20;
/** Categories linguist leaves out of language statistics (vendored, generated, documentation; binary). */
const UNCOUNTED: ReadonlySet<FileCategory> = new Set(['vendored', 'generated', 'docs', 'binary']);

/**
 * Bytes and files per language as linguist counts them: only programming and markup languages, and
 * neither vendored, generated, documentation nor binary files. Largest first.
 */
export function languagesByBytes(files: readonly StructureFile[]): StructureResult['languages'] {
  const byLanguage = new Map<string, { files: number; bytes: number }>();
  for (const file of files) {
    if (file.language === null || UNCOUNTED.has(file.category)) continue;
    const type = languageTypeOf(file.language);
    if (type !== 'programming' && type !== 'markup') continue;
    const totals = byLanguage.get(file.language) ?? { files: 0, bytes: 0 };
    totals.files += 1;
    totals.bytes += file.size;
    byLanguage.set(file.language, totals);
  }
  return [...byLanguage.entries()]
    .map(([language, totals]) => ({ language, ...totals }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files || a.language.localeCompare(b.language));
}

export function largestFiles(files: readonly StructureFile[]): StructureResult['largestFiles'] {
  return [...files]
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, LARGEST_FILES)
    .map((file) => ({ path: file.path, size: file.size }));
}

/** Deepest nesting of a file: a file at the root has depth 1. */
export function maxDepth(files: readonly StructureFile[]): number {
  let deepest = 0;
  for (const file of files) {
    let depth = 1;
    for (let index = file.path.indexOf('/'); index !== -1; index = file.path.indexOf('/', index + 1)) depth += 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

export function categoryCounts(files: readonly StructureFile[]): StructureResult['categories'] {
  const counts = Object.fromEntries(FILE_CATEGORIES.map((category) => [category, 0])) as Record<FileCategory, number>;
  for (const file of files) counts[file.category] += 1;
  return counts;
}
