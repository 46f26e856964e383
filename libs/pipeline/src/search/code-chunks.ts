import type { CodeSymbol, FileAnalysis, SymbolKind } from '@repolens/contracts';
import { LineTokens, type ChunkBudget } from './chunk-budget.js';
import { chunkText, headerLine, type ChunkDraft } from './chunk-text.js';
import { indentCutCosts, type CutCost } from './cut-costs.js';
import { includeLeadingComments, splitByTokens, trimBlankLines, uncoveredRanges, type LineRange } from './line-ranges.js';

/** Pieces smaller than this share of the budget are merged with small neighbours. */
const SMALL_SHARE = 1 / 8;
/** A merge stops growing at this share of the budget: merged pieces stay about one thing. */
const MERGE_SHARE = 1 / 4;
/** A line that only closes something (`}`, `});`, `end`): code outside symbols made of these alone is left out. */
const CLOSING_LINE = /^\s*(?:[})\]]+[;,)]*|end|fi|done|esac)?\s*$/;

/** Cut costs for the given ranges of a file's lines (from its syntax tree where it can be parsed). */
export type CutCostsFor = (lines: readonly string[], ranges: readonly LineRange[]) => CutCost;

export const indentCutCostsFor: CutCostsFor = (lines) => indentCutCosts(lines);

interface Piece {
  readonly range: LineRange;
  readonly symbol?: string;
  readonly symbolKind?: SymbolKind;
  /** Set on the parts of a symbol too long for one chunk; such parts are never merged. */
  readonly part?: { readonly index: number; readonly count: number };
}

/**
 * Code chunks of one file within the token budget: whole functions, classes and methods where they fit
 * (with their doc comments), a long class as its header and its methods, anything else too long split at
 * statement boundaries, and code outside symbols as chunks of its own; small neighbours are merged.
 */
export function codeChunks(file: FileAnalysis, lines: readonly string[], budget: ChunkBudget, cutCostsFor: CutCostsFor = indentCutCostsFor): ChunkDraft[] {
  if (lines.length === 0) return [];
  const tokens = new LineTokens(lines, budget.counter);
  const headerTokens = (label: string): number => budget.counter.count(headerLine(file.path, label));
  const tokensOf = (piece: Piece): number => tokens.sum(piece.range) + headerTokens(labelOf(piece));

  const pieces = symbolPlans(file, lines).flatMap(({ whole, members }) => (members.length === 0 || tokensOf(whole) <= budget.maxTokens ? [whole] : members));
  const gaps = uncoveredRanges(lines, pieces.map((piece) => piece.range), 1);
  pieces.push(...gaps.map((range) => ({ range })));

  const oversized = new Set(pieces.filter((piece) => tokensOf(piece) > budget.maxTokens));
  const cutCost = oversized.size === 0 ? null : cutCostsFor(lines, [...oversized].map((piece) => piece.range));
  const cut: Piece[] = pieces.flatMap((piece) => {
    if (cutCost === null || !oversized.has(piece)) return [piece];
    // Room for the header of the longest label a part gets.
    const room = budget.maxTokens - headerTokens(`${labelOf(piece)} (part 99 of 99)`);
    const ranges = splitByTokens(piece.range, Math.max(1, room), (line) => tokens.of(line), cutCost).flatMap((range) => trimBlankLines(lines, range) ?? []);
    if (ranges.length <= 1) return [piece];
    return ranges.map((range, index) => ({ ...piece, range, part: { index: index + 1, count: ranges.length } }));
  });
  cut.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);

  return mergeSmallNeighbours(cut, tokensOf, budget.maxTokens)
    .filter((piece) => piece.symbol !== undefined || hasContent(lines, piece.range))
    .map((piece) => ({
      path: file.path,
      startLine: piece.range.start,
      endLine: piece.range.end,
      kind: 'code',
      language: file.language,
      ...(piece.symbol === undefined ? {} : { symbol: piece.symbol }),
      ...(piece.symbolKind === undefined ? {} : { symbolKind: piece.symbolKind }),
      text: chunkText(file.path, labelOf(piece), lines.slice(piece.range.start - 1, piece.range.end)),
    }));
}

/**
 * Each top-level symbol, from its leading comments to its end, and for a class with methods also its
 * header and methods, used when the whole class turns out too long for one chunk.
 */
function symbolPlans(file: FileAnalysis, lines: readonly string[]): Array<{ whole: Piece; members: Piece[] }> {
  const clamp = (symbol: CodeSymbol): LineRange => ({
    start: Math.min(Math.max(1, symbol.startLine), lines.length),
    end: Math.min(Math.max(symbol.startLine, symbol.endLine), lines.length),
  });
  const plans: Array<{ whole: Piece; members: Piece[] }> = [];
  let floor = 0;
  for (const symbol of topLevelSymbols(file.symbols)) {
    const declared = clamp(symbol);
    const range = { start: includeLeadingComments(lines, declared.start, floor), end: declared.end };
    floor = range.end;
    const methods = file.symbols
      .filter((s) => s.kind === 'method' && s.parent === symbol.name && s.startLine >= declared.start && s.endLine <= declared.end)
      .sort((a, b) => a.startLine - b.startLine)
      .map((method) => ({ name: method.name, range: clamp(method) }));
    plans.push({ whole: { range, symbol: symbol.name, symbolKind: symbol.kind }, members: memberPieces(lines, symbol, range, methods) });
  }
  return plans;
}

function memberPieces(
  lines: readonly string[],
  owner: CodeSymbol,
  range: LineRange,
  methods: ReadonlyArray<{ name: string; range: LineRange }>,
): Piece[] {
  const pieces: Piece[] = [];
  let floor = range.start - 1;
  const first = methods[0];
  if (first !== undefined) {
    const headerEnd = includeLeadingComments(lines, first.range.start, range.start) - 1;
    if (headerEnd >= range.start) {
      pieces.push({ range: { start: range.start, end: headerEnd }, symbol: owner.name, symbolKind: owner.kind });
      floor = headerEnd;
    }
  }
  for (const method of methods) {
    if (method.range.start <= floor) continue; // nested in the previous method
    const start = includeLeadingComments(lines, method.range.start, floor);
    floor = method.range.end;
    pieces.push({ range: { start, end: method.range.end }, symbol: `${owner.name}.${method.name}`, symbolKind: 'method' });
  }
  return pieces;
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

/**
 * Merges runs of small neighbouring pieces (a few constants, a short helper and the imports above it)
 * into one chunk while it stays small. At most one named symbol per chunk, so every symbol keeps a chunk
 * under its own name; parts of a split symbol stay apart.
 */
function mergeSmallNeighbours(pieces: readonly Piece[], tokensOf: (piece: Piece) => number, maxTokens: number): Piece[] {
  const isSmall = (piece: Piece): boolean => piece.part === undefined && tokensOf(piece) < maxTokens * SMALL_SHARE;
  const merged: Array<{ piece: Piece; open: boolean }> = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    const small = isSmall(piece);
    if (last !== undefined && last.open && small && (last.piece.symbol === undefined || piece.symbol === undefined)) {
      const named = last.piece.symbol === undefined ? piece : last.piece;
      const candidate: Piece = {
        range: { start: last.piece.range.start, end: Math.max(last.piece.range.end, piece.range.end) },
        ...(named.symbol === undefined ? {} : { symbol: named.symbol }),
        ...(named.symbolKind === undefined ? {} : { symbolKind: named.symbolKind }),
      };
      if (tokensOf(candidate) <= maxTokens * MERGE_SHARE) {
        last.piece = candidate;
        continue;
      }
    }
    merged.push({ piece, open: small });
  }
  return merged.map((entry) => entry.piece);
}

function labelOf(piece: Piece): string {
  if (piece.symbol === undefined) return `lines ${piece.range.start}-${piece.range.end}`;
  const name = `${piece.symbolKind ?? 'symbol'} ${piece.symbol}`;
  return piece.part === undefined ? name : `${name} (part ${piece.part.index} of ${piece.part.count})`;
}

function hasContent(lines: readonly string[], range: LineRange): boolean {
  for (let line = range.start; line <= range.end; line += 1) if (!CLOSING_LINE.test(lines[line - 1] ?? '')) return true;
  return false;
}
