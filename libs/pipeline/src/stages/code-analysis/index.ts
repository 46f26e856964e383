export { createCodeAnalysisStage } from './code-analysis.stage.js';
export { CodeParser } from '../../parsing/code-parser.js';
export type { OutlineQueries, Query, QueryMatch, SyntaxNode, SyntaxTree } from '../../parsing/code-parser.js';
export { CODE_LANGUAGES, CODE_LANGUAGE_LABELS, codeLanguageForPath } from '../../parsing/languages.js';
export type { CodeLanguage } from '../../parsing/languages.js';
export { analyzeSource, countLines } from '../../parsing/analyze-source.js';
export type { SourceAnalysis } from '../../parsing/analyze-source.js';
export { extractOutline } from '../../parsing/outline/extract-outline.js';
export type { FileOutline, ModuleExport, ModuleImport } from '../../parsing/outline/outline-collector.js';
