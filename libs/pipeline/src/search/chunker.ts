import type { Chunk, CodeSymbol, FileAnalysis, MetadataResult, StructureResult, SymbolKind } from '@repolens/contracts';
import { includeLeadingComments, splitRange, uncoveredRanges, type LineRange } from './line-ranges.js';
import { buildSummaryText } from './summary-text.js';

/** A symbol longer than this is split: a class into its header and methods, anything else into windows. */
export const MAX_CHUNK_LINES = 120;
/** Window size for code outside any symbol (and files without symbols). */
const PLAIN_WINDOW_LINES = 80;
const OVERLAP_LINES = 10;
/** Stretches between symbols with fewer non-blank lines (a lone import, a closing brace) are left out. */
const MIN_GAP_CONTENT_LINES = 3;
/** Minified or generated lines are cut so one chunk cannot hold megabytes. */
const MAX_LINE_CHARS = 1_000;

export interface ChunkerInput {
  /** Files of the analysed languages, from code_analysis. */
  readonly files: readonly FileAnalysis[];
  readonly readme: MetadataResult['readme'];
  readonly metadata: MetadataResult;
  readonly structure: StructureResult;
  /** The file's text at the analysed commit, or null when it cannot be read safely. */
  readFile(path: string): Promise<string | null>;
}

type ChunkDraft = Omit<Chunk, 'id'>;

/**
 * Cuts a repository into retrievable passages: a summary, README sections and code chunks that follow
 * the code's own structure (whole functions, classes and methods where they fit). Each chunk's text
 * starts with a header line naming its path and symbol, so both are searchable.
 */
export async function buildChunks(input: ChunkerInput): Promise<Chunk[]> {
  const drafts: ChunkDraft[] = [];
  const summary = await summaryChunk(input);
  if (summary !== null) drafts.push(summary);
  if (input.readme !== null) drafts.push(...(await readmeChunks(input.readme, input.readFile)));
  for (const file of input.files) {
    const content = await input.readFile(file.path);
    if (content === null) continue;
    drafts.push(...codeChunks(file, splitLines(content)));
  }
  return drafts.map((draft, id) => ({ id, ...draft }));
}

/** Code chunks of one analysed file. Exported for tests. */
export function codeChunks(file: FileAnalysis, lines: readonly string[]): ChunkDraft[] {
  if (lines.length === 0) return [];
  const clamp = (symbol: CodeSymbol): LineRange => ({
    start: Math.min(Math.max(1, symbol.startLine), lines.length),
    end: Math.min(Math.max(symbol.startLine, symbol.endLine), lines.length),
  });
  const pieces: Array<{ range: LineRange; symbol?: string; symbolKind?: SymbolKind }> = [];
  let floor = 0;
  for (const symbol of topLevelSymbols(file.symbols)) {
    const declared = clamp(symbol);
    const range = { start: includeLeadingComments(lines, declared.start, floor), end: declared.end };
    floor = range.end;
    const methods = file.symbols
      .filter((s) => s.kind === 'method' && s.parent === symbol.name && s.startLine >= declared.start && s.endLine <= declared.end)
      .sort((a, b) => a.startLine - b.startLine);
    if (range.end - range.start + 1 <= MAX_CHUNK_LINES) {
      pieces.push({ range, symbol: symbol.name, symbolKind: symbol.kind });
      continue;
    }
    if (methods.length === 0) {
      for (const window of splitRange(range, MAX_CHUNK_LINES, OVERLAP_LINES)) {
        pieces.push({ range: window, symbol: symbol.name, symbolKind: symbol.kind });
      }
      continue;
    }
    // A long class: its header (declaration, fields) and then each method on its own.
    let methodFloor = range.start - 1;
    const firstMethod = methods[0];
    if (firstMethod !== undefined) {
      const headerEnd = includeLeadingComments(lines, clamp(firstMethod).start, range.start) - 1;
      if (headerEnd >= range.start) {
        for (const window of splitRange({ start: range.start, end: headerEnd }, MAX_CHUNK_LINES, OVERLAP_LINES)) {
          pieces.push({ range: window, symbol: symbol.name, symbolKind: symbol.kind });
        }
        methodFloor = headerEnd;
      }
    }
    for (const method of methods) {
      const declaredMethod = clamp(method);
      if (declaredMethod.start <= methodFloor) continue; // nested in the previous method
      const methodRange = { start: includeLeadingComments(lines, declaredMethod.start, methodFloor), end: declaredMethod.end };
      methodFloor = methodRange.end;
      for (const window of splitRange(methodRange, MAX_CHUNK_LINES, OVERLAP_LINES)) {
        pieces.push({ range: window, symbol: `${symbol.name}.${method.name}`, symbolKind: 'method' });
      }
    }
  }
  // Code outside every symbol (imports, constants, top-level statements, class fields between methods).
  const gaps = uncoveredRanges(lines, pieces.map((piece) => piece.range), MIN_GAP_CONTENT_LINES);
  for (const gap of gaps) {
    for (const window of splitRange(gap, PLAIN_WINDOW_LINES, OVERLAP_LINES)) pieces.push({ range: window });
  }
  pieces.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return pieces.map((piece) => {
    const label = piece.symbol === undefined ? `lines ${piece.range.start}-${piece.range.end}` : `${piece.symbolKind} ${piece.symbol}`;
    return {
      path: file.path,
      startLine: piece.range.start,
      endLine: piece.range.end,
      kind: 'code',
      language: file.language,
      ...(piece.symbol === undefined ? {} : { symbol: piece.symbol }),
      ...(piece.symbolKind === undefined ? {} : { symbolKind: piece.symbolKind }),
      text: withHeader(file.path, label, lines.slice(piece.range.start - 1, piece.range.end)),
    };
  });
}

/** Top-level declarations in line order, leaving out anything nested inside an earlier one. */
function topLevelSymbols(symbols: readonly CodeSymbol[]): CodeSymbol[] {
  const candidates = symbols
    .filter((symbol) => symbol.kind !== 'method' && symbol.parent === undefined)
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const kept: CodeSymbol[] = [];
  for (const symbol of candidates) {
    const last = kept.at(-1);
    if (last !== undefined && symbol.startLine <= last.endLine) continue;
    kept.push(symbol);
  }
  return kept;
}

async function readmeChunks(
  readme: NonNullable<MetadataResult['readme']>,
  readFile: ChunkerInput['readFile'],
): Promise<ChunkDraft[]> {
  const content = await readFile(readme.path);
  const fileLines = content === null ? null : splitLines(content);
  const drafts: ChunkDraft[] = [];
  for (const section of readme.sections) {
    // Prefer the file's own lines so the range cited is exactly what is shown.
    const sectionLines = fileLines?.slice(section.startLine - 1, section.endLine) ?? splitLines(section.text);
    const body = sectionLines.filter((line) => line.trim() !== '' && line.trim() !== section.heading.trim() && !/^#+\s/.test(line));
    if (body.length === 0) continue;
    const range = { start: section.startLine, end: section.startLine + sectionLines.length - 1 };
    const label = section.heading === '' ? 'introduction' : `section ${section.heading}`;
    for (const window of splitRange(range, MAX_CHUNK_LINES, OVERLAP_LINES)) {
      const offset = window.start - range.start;
      drafts.push({
        path: readme.path,
        startLine: window.start,
        endLine: window.end,
        kind: 'readme',
        language: 'markdown',
        ...(section.heading === '' ? {} : { symbol: section.heading }),
        text: withHeader(readme.path, label, sectionLines.slice(offset, offset + window.end - window.start + 1)),
      });
    }
  }
  return drafts;
}

/**
 * One passage describing the whole project, cited at a file a reader would open for that: the README, a
 * manifest or a config file. A repository with none of them gets no summary passage.
 */
async function summaryChunk(input: ChunkerInput): Promise<ChunkDraft | null> {
  const candidates = [
    input.readme?.path,
    ...input.metadata.dependencies.map((dependency) => dependency.manifest),
    ...input.metadata.configFiles,
  ].filter((path): path is string => path !== undefined);
  for (const path of new Set(candidates)) {
    const content = await input.readFile(path);
    if (content === null) continue;
    const lineCount = Math.max(1, splitLines(content).length);
    const firstSection = input.readme?.path === path ? input.readme.sections[0] : undefined;
    const endLine = Math.min(lineCount, firstSection?.endLine ?? 20);
    const body = buildSummaryText(input.metadata, input.structure);
    return {
      path,
      startLine: 1,
      endLine,
      kind: 'summary',
      language: null,
      symbol: input.metadata.name,
      text: withHeader(path, 'project summary', body.split('\n')),
    };
  }
  return null;
}

function withHeader(path: string, label: string, lines: readonly string[]): string {
  const body = lines.map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line));
  return [`// path: ${path} · ${label}`, ...body].join('\n');
}

/** Lines as editors number them; a final newline does not start another line. */
export function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
