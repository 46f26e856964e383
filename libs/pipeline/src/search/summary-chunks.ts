import type { FileAnalysis, ImportGraph, MetadataResult, StructureResult } from '@repolens/contracts';
import type { ChunkBudget } from './chunk-budget.js';
import { chunkText, headerLine, type ChunkDraft } from './chunk-text.js';
import { buildStructureText, buildSummaryText } from './summary-text.js';

/** Names listed per line of a file summary; the rest are counted. */
const MAX_LISTED = 30;

export interface SummarySource {
  readonly metadata: MetadataResult;
  readonly structure: StructureResult;
  readonly importGraph: ImportGraph | null;
  /** Where an overview is cited: the README, a manifest or a config file, with its line count. */
  readonly citedAt: { readonly path: string; readonly endLine: number } | null;
}

/**
 * The project overview and its structure as two passages, cited at a file a reader would open for an
 * overview (the README, a manifest); a repository with none of those gets neither.
 */
export function projectSummaryChunks(source: SummarySource, budget: ChunkBudget): ChunkDraft[] {
  const cited = source.citedAt;
  if (cited === null) return [];
  const base = { path: cited.path, startLine: 1, endLine: cited.endLine, kind: 'summary' as const, language: null };
  const structureText = buildStructureText(source.structure, source.importGraph);
  return [
    { ...base, symbol: source.metadata.name, text: fitted(cited.path, 'project summary', buildSummaryText(source.metadata, source.structure).split('\n'), budget) },
    ...(structureText === null ? [] : [{ ...base, text: fitted(cited.path, 'project structure', structureText.split('\n'), budget) }]),
  ];
}

/**
 * A passage describing one source file as a whole (what it defines, imports and is imported by), for a
 * file cut into several chunks: it answers "which file does X" where no single chunk says so.
 */
export function fileSummaryChunk(file: FileAnalysis, lineCount: number, importedBy: readonly string[], budget: ChunkBudget): ChunkDraft {
  const lines = [`File ${file.path}: ${file.language}, ${lineCount} lines (${file.category}).`];
  const owners = new Map<string, string[]>();
  for (const symbol of file.symbols) {
    if (symbol.kind === 'method' && symbol.parent !== undefined) owners.set(symbol.parent, [...(owners.get(symbol.parent) ?? []), symbol.name]);
  }
  const defined = file.symbols
    .filter((symbol) => symbol.kind !== 'method' || symbol.parent === undefined)
    .map((symbol) => {
      const methods = owners.get(symbol.name);
      return methods === undefined ? `${symbol.kind} ${symbol.name}` : `${symbol.kind} ${symbol.name} (methods ${listed(methods)})`;
    });
  if (defined.length > 0) lines.push(`Defines: ${listed(defined)}`);
  const imports = Array.from(new Set(file.imports.map((entry) => entry.resolved ?? entry.source)));
  if (imports.length > 0) lines.push(`Imports: ${listed(imports)}`);
  if (importedBy.length > 0) lines.push(`Imported by: ${listed(importedBy)}`);
  return {
    path: file.path,
    startLine: 1,
    endLine: Math.max(1, lineCount),
    kind: 'summary',
    language: file.language,
    text: fitted(file.path, 'file summary', lines, budget),
  };
}

/** Files importing each file, from the import graph. */
export function importersByFile(graph: ImportGraph | null): Map<string, string[]> {
  const importers = new Map<string, string[]>();
  for (const [from, to] of graph?.edges ?? []) importers.set(to, [...(importers.get(to) ?? []), from]);
  return importers;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** The text with as many of its lines as fit the budget. */
function fitted(path: string, label: string, lines: readonly string[], budget: ChunkBudget): string {
  let tokens = budget.counter.count(headerLine(path, label));
  const kept: string[] = [];
  for (const line of lines) {
    tokens += budget.counter.count(line);
    if (tokens > budget.maxTokens && kept.length > 0) break;
    kept.push(line);
  }
  return chunkText(path, label, kept);
}
