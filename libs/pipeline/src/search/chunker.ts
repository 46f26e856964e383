import type { Chunk, FileAnalysis, ImportGraph, MetadataResult, StructureResult } from '@repolens/contracts';
import type { TokenCounter } from '../embedding/token-counter.js';
import { CodeParser } from '../parsing/code-parser.js';
import { CODE_LANGUAGE_LABELS, CODE_LANGUAGES, codeLanguageForPath, type CodeLanguage } from '../parsing/languages.js';
import { chunkBudget, type ChunkBudget } from './chunk-budget.js';
import { splitLines, type ChunkDraft } from './chunk-text.js';
import { codeChunks, type CutCostsFor } from './code-chunks.js';
import { indentCutCosts, syntaxCutCosts } from './cut-costs.js';
import { documentationChunks, documentationFiles, sectionChunks } from './doc-chunks.js';
import { NO_REUSABLE_CHUNKS, type ReusableChunks } from './reusable-chunks.js';
import { fileSummaryChunk, importersByFile, projectSummaryChunks } from './summary-chunks.js';

export { splitLines } from './chunk-text.js';

export interface ChunkerInput {
  /** Files of the analysed languages, from code_analysis. */
  readonly files: readonly FileAnalysis[];
  readonly readme: MetadataResult['readme'];
  readonly metadata: MetadataResult;
  readonly structure: StructureResult;
  /** From code_analysis, for the structure summary and "imported by" in file summaries. */
  readonly importGraph?: ImportGraph;
  /** The embedding model's token counter; without one, chunks are cut to an estimate of a BERT tokenizer's count. */
  readonly tokens?: TokenCounter;
  /** Also chunk documentation files besides the README (default true). */
  readonly documentation?: boolean;
  /** The file's text at the analysed commit, or null when it cannot be read safely. */
  readFile(path: string): Promise<string | null>;
  /** Chunks of the previous run for files that did not change, taken instead of reading and cutting them again. */
  readonly reusable?: ReusableChunks;
}

/** Lines of the cited file an overview passage covers when the README has no first section. */
const SUMMARY_CITED_LINES = 20;

/**
 * Cuts a repository into retrievable passages, each within the embedding model's token budget: a
 * project summary and structure, README and documentation sections, code chunks that follow the code's
 * own structure (whole functions, classes and methods where they fit, split at statement boundaries
 * where not), and a summary of each file cut into several chunks. Each chunk's text starts with a header
 * line naming its path and symbol, so both are searchable.
 */
export async function buildChunks(input: ChunkerInput): Promise<Chunk[]> {
  const budget = chunkBudget(input.tokens);
  const drafts: ChunkDraft[] = [];
  drafts.push(...(await summaryChunks(input, budget)));
  const readmePath = input.readme?.path ?? null;
  if (input.readme !== null) {
    const content = await input.readFile(input.readme.path);
    const fileLines = content === null ? null : splitLines(content);
    drafts.push(...sectionChunks({ path: input.readme.path, kind: 'readme', sections: input.readme.sections, fileLines }, budget));
  }
  const documentation = input.documentation === false ? [] : documentationFiles(input.structure.files, readmePath);
  const reusable = input.reusable ?? NO_REUSABLE_CHUNKS;
  for (const path of documentation) {
    const reused = reusable.documentationFile(path);
    if (reused !== undefined) {
      drafts.push(...reused);
      continue;
    }
    const content = await input.readFile(path);
    if (content !== null) drafts.push(...documentationChunks(path, content, budget));
  }
  const cutCosts = syntaxCutCostsProvider();
  const importers = importersByFile(input.importGraph ?? null);
  for (const file of input.files) {
    let code: readonly ChunkDraft[];
    let lineCount: number | null;
    const reused = reusable.codeFile(file.path);
    if (reused === undefined) {
      const content = await input.readFile(file.path);
      if (content === null) continue;
      const lines = splitLines(content);
      code = codeChunks(file, lines, budget, cutCosts(file, content));
      lineCount = lines.length;
    } else {
      ({ code, lineCount } = reused);
    }
    // The summary says who imports the file, which changes with other files: always made anew.
    if (code.length > 1 && lineCount !== null) drafts.push(fileSummaryChunk(file, lineCount, importers.get(file.path) ?? [], budget));
    drafts.push(...code);
  }
  return drafts.map((draft, id) => ({ id, ...draft }));
}

async function summaryChunks(input: ChunkerInput, budget: ChunkBudget): Promise<ChunkDraft[]> {
  const candidates = [
    input.readme?.path,
    ...input.metadata.dependencies.map((dependency) => dependency.manifest),
    ...input.metadata.configFiles,
  ].filter((path): path is string => path !== undefined);
  let citedAt: { path: string; endLine: number } | null = null;
  for (const path of new Set(candidates)) {
    const content = await input.readFile(path);
    if (content === null) continue;
    const lineCount = Math.max(1, splitLines(content).length);
    const firstSection = input.readme?.path === path ? input.readme.sections[0] : undefined;
    citedAt = { path, endLine: Math.min(lineCount, firstSection?.endLine ?? SUMMARY_CITED_LINES) };
    break;
  }
  return projectSummaryChunks({ metadata: input.metadata, structure: input.structure, importGraph: input.importGraph ?? null, citedAt }, budget);
}

/**
 * Statement boundaries from tree-sitter for files that need splitting, parsed only then (most functions
 * fit the budget); indentation where the language has no grammar here or the file does not parse.
 */
function syntaxCutCostsProvider(): (file: FileAnalysis, content: string) => CutCostsFor {
  let parser: CodeParser | undefined;
  return (file, content) => (lines, ranges) => {
    const language = grammarOf(file);
    if (language === null) return indentCutCosts(lines);
    try {
      parser ??= new CodeParser();
      return syntaxCutCosts(parser.parse(language, content), lines, ranges);
    } catch {
      return indentCutCosts(lines);
    }
  };
}

const GRAMMAR_BY_NAME = new Map<string, CodeLanguage>(
  CODE_LANGUAGES.flatMap((language) => [
    [language, language],
    [CODE_LANGUAGE_LABELS[language].toLowerCase(), language],
  ]),
);

function grammarOf(file: FileAnalysis): CodeLanguage | null {
  return GRAMMAR_BY_NAME.get(file.language.toLowerCase()) ?? codeLanguageForPath(file.path);
}
