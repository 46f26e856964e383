import { extname } from 'node:path';
import type { CodeAnalysisResult, FileAnalysis, FileImport } from '@repolens/contracts';
import { codeLanguageForPath } from '../../parsing/languages.js';
import { isContentAnalysis, type CodeFile } from './analyze-file.js';

/**
 * The version of what a file's analysis contains. Bump it whenever the same file would be analysed
 * differently (queries, outline extraction, line counting, doc comments, the FileAnalysis shape): records
 * made by another version are never reused, so the next run of every repository parses everything again.
 */
export const CODE_ANALYZER_VERSION = 1;

/** What must hold, besides a file's own blob id, for a previous run's record to stand for this run's. */
export interface ReuseConditions {
  /** See checkoutAttributesOf. */
  readonly checkoutAttributes: string;
  readonly maxFileBytes: number;
}

/** A file this run analyses, with its blob id where git tracks it. */
export type ListedCodeFile = CodeFile & { readonly blobId?: string | undefined };

export interface ReusableAnalyses {
  /** The previous run's analysis of the same content, ready to stand for this file's; undefined: parse it. */
  take(file: ListedCodeFile): FileAnalysis | undefined;
  /** How many records could be reused, and, when none can, why (for the logs). */
  readonly available: number;
  readonly unusable: string | null;
}

const NOTHING: ReusableAnalyses = { take: () => undefined, available: 0, unusable: 'no previous analysis' };

/**
 * `.gitattributes` files decide how a blob is written to the checkout (line endings, `ident`, a working
 * tree encoding), so the same blob id may stand for other text when they change: then nothing is reused.
 */
export function checkoutAttributesOf(files: ReadonlyArray<{ readonly path: string; readonly blobId?: string | undefined }>): string {
  return files
    .filter((file) => file.path === '.gitattributes' || file.path.endsWith('/.gitattributes'))
    .map((file) => `${file.path}@${file.blobId ?? 'untracked'}`)
    .sort()
    .join('\n');
}

/**
 * Which of a previous run's file analyses this run may take instead of reading and parsing the file: those
 * made by this analyser version from the same checkout attributes, of a file with the same blob id read as
 * the same language (a renamed or copied file counts too). A record of a file that was not read (over a
 * limit, binary) or whose analysis threw is never reused: the file is simply looked at again.
 */
export function reusableAnalyses(previous: CodeAnalysisResult | null, conditions: ReuseConditions): ReusableAnalyses {
  if (previous === null) return NOTHING;
  const { reuse } = previous;
  if (reuse === undefined) return { ...NOTHING, unusable: 'the previous analysis recorded no content hashes' };
  if (reuse.analyzerVersion !== CODE_ANALYZER_VERSION) {
    return { ...NOTHING, unusable: `the previous analysis was made by analyser version ${reuse.analyzerVersion}, not ${CODE_ANALYZER_VERSION}` };
  }
  if (reuse.checkoutAttributes !== conditions.checkoutAttributes) return { ...NOTHING, unusable: 'the .gitattributes files changed' };

  const byContent = new Map<string, FileAnalysis>();
  for (const record of previous.files) {
    if (record.blobId === undefined || !isReusable(record, conditions.maxFileBytes)) continue;
    const language = codeLanguageForPath(record.path);
    if (language !== null) byContent.set(contentKey(language, record.path, record.blobId), record);
  }
  return {
    available: byContent.size,
    unusable: byContent.size === 0 ? 'the previous analysis has no reusable file records' : null,
    take(file) {
      if (file.blobId === undefined) return undefined;
      const record = byContent.get(contentKey(file.language, file.path, file.blobId));
      if (record === undefined) return undefined;
      // The path and category are this run's; imports are resolved again against this run's files.
      return { ...record, path: file.path, category: file.category, imports: record.imports.map(unresolved) };
    },
  };
}

function isReusable(record: FileAnalysis, maxFileBytes: number): boolean {
  // A lower size limit now would leave the file unread.
  return record.bytes <= maxFileBytes && isContentAnalysis(record);
}

/**
 * The same content read the same way. The extension is part of it: a `.h` header is read as C or C++
 * by what it holds, so a header renamed to `.c` (same language by path) must be read again.
 */
function contentKey(language: string, path: string, blobId: string): string {
  return `${language}\0${extname(path).toLowerCase()}\0${blobId}`;
}

function unresolved({ resolved: _resolved, ...entry }: FileImport): FileImport {
  return entry;
}
