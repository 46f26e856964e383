import type { FileAnalysis, FileCategory } from '@repolens/contracts';
import { analyzeSource } from '../../parsing/analyze-source.js';
import type { CodeParser } from '../../parsing/code-parser.js';
import { CODE_LANGUAGE_LABELS, looksLikeCppHeader } from '../../parsing/languages.js';
import type { CodeLanguage } from '../../parsing/languages.js';
import type { SourceFileRead } from './read-source-file.js';

/** A file the stage will analyse. */
export interface CodeFile {
  readonly path: string;
  readonly language: CodeLanguage;
  readonly category: FileCategory;
}

export interface FileAnalysisOutcome {
  readonly file: FileAnalysis;
  /** Time inside tree-sitter's parse(). */
  readonly parseMs: number;
}

// How the `error` of a file that was not read, or whose analysis threw, begins; any other error is the
// file's own (syntax errors), part of its analysis.
const NOT_READ = 'skipped: ';
const ANALYSIS_FAILED = 'analysis failed: ';

/** Whether a record is the analysis of the file's content, rather than a note that it was not read or analysis failed. */
export function isContentAnalysis(file: FileAnalysis): boolean {
  return file.error === undefined || !(file.error.startsWith(NOT_READ) || file.error.startsWith(ANALYSIS_FAILED));
}

/** Analyses one file's content; never throws, a problem is the file's `error`. */
export function analyzeFile(parser: CodeParser, file: CodeFile, content: SourceFileRead): FileAnalysisOutcome {
  if (content.kind === 'skipped') return { file: unanalysed(file, file.language, content.bytes, `${NOT_READ}${content.reason}`), parseMs: 0 };
  // `.h` is C unless its content says C++.
  const language = file.language === 'c' && file.path.endsWith('.h') && looksLikeCppHeader(content.text) ? 'cpp' : file.language;
  try {
    const { parseMs, error, ...outline } = analyzeSource(parser, language, content.text);
    const record: FileAnalysis = { path: file.path, language: CODE_LANGUAGE_LABELS[language], category: file.category, ...outline };
    if (error !== undefined) record.error = error;
    return { file: record, parseMs };
  } catch (error) {
    // A fault in outline extraction is this file's problem, not the run's.
    const message = error instanceof Error ? error.message : String(error);
    return { file: unanalysed(file, language, content.bytes, `${ANALYSIS_FAILED}${message}`), parseMs: 0 };
  }
}

function unanalysed(file: CodeFile, language: CodeLanguage, bytes: number, error: string): FileAnalysis {
  return {
    path: file.path,
    language: CODE_LANGUAGE_LABELS[language],
    category: file.category,
    lines: 0,
    lineStats: { code: 0, comment: 0, blank: 0 },
    bytes,
    symbols: [],
    imports: [],
    exports: [],
    error,
  };
}
