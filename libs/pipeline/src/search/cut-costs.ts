import type { SyntaxTree } from '../parsing/code-parser.js';
import { COMMENT_OR_DECORATOR, isBlank, type LineRange } from './line-ranges.js';

// How much it costs to start a new chunk at a line, for splitting code that does not fit the budget:
// lower is better. A statement boundary is the depth of the shallowest syntax node that starts the
// line (from tree-sitter), or without a tree its indentation; what is not a boundary costs far more.

/** Cost of a line that starts no statement: the middle of an expression, a closing bracket, a blank line. */
const NOT_A_BOUNDARY = 1_000;
/** A boundary right after a blank line is preferred: authors separate steps with blank lines. */
const AFTER_BLANK_BONUS = 0.5;
/** A boundary right after a comment or decorator would cut them from what they describe. */
const AFTER_COMMENT_PENALTY = 0.75;
const TAB_COLUMNS = 4;
/** Lines that close a block rather than start something (`}`, `)`, `];`, `end`, `</div>`, `fi`, `esac`). */
const CLOSER = /^(?:[}\])]|end\b|<\/|fi\b|esac\b|done\b)/;

export type CutCost = (line: number) => number;

/** Costs from indentation alone, for languages without a grammar or a file that cannot be parsed. */
export function indentCutCosts(lines: readonly string[]): CutCost {
  return (line) => {
    const text = lines[line - 1];
    if (text === undefined || isBlank(text)) return NOT_A_BOUNDARY * 2;
    const trimmed = text.trimStart();
    if (CLOSER.test(trimmed)) return NOT_A_BOUNDARY;
    return indentColumns(text) + neighbourAdjustment(lines, line);
  };
}

/**
 * Costs from the syntax tree: the nesting depth of the shallowest named node that is the first thing
 * on the line, so a cut falls between statements (the outermost ones first), never inside one.
 * Only lines inside `within` are examined (the ranges being split).
 */
export function syntaxCutCosts(tree: SyntaxTree, lines: readonly string[], within: readonly LineRange[]): CutCost {
  const depths = statementDepths(tree, lines, within);
  const fallback = indentCutCosts(lines);
  return (line) => {
    const depth = depths.get(line);
    if (depth === undefined) return NOT_A_BOUNDARY + fallback(line);
    return depth + neighbourAdjustment(lines, line);
  };
}

function neighbourAdjustment(lines: readonly string[], line: number): number {
  const previous = lines[line - 2];
  if (previous === undefined) return 0;
  if (isBlank(previous)) return -AFTER_BLANK_BONUS;
  return COMMENT_OR_DECORATOR.test(previous.trim()) ? AFTER_COMMENT_PENALTY : 0;
}

function indentColumns(text: string): number {
  let columns = 0;
  for (const char of text) {
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += TAB_COLUMNS;
    else break;
  }
  return columns;
}

/** 1-based line → depth of the shallowest named node starting at the line's first non-blank character. */
function statementDepths(tree: SyntaxTree, lines: readonly string[], within: readonly LineRange[]): Map<number, number> {
  const depths = new Map<number, number>();
  if (within.length === 0) return depths;
  const low = Math.min(...within.map((range) => range.start));
  const high = Math.max(...within.map((range) => range.end));
  const indents = new Map<number, number>();
  const indentOf = (line: number): number => {
    let indent = indents.get(line);
    if (indent === undefined) {
      const text = lines[line - 1] ?? '';
      indent = text.length - text.trimStart().length;
      indents.set(line, indent);
    }
    return indent;
  };
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const start = cursor.startPosition;
    const startLine = start.row + 1;
    const endLine = cursor.endPosition.row + 1;
    const overlaps = endLine >= low && startLine <= high;
    // Columns count characters (the binding parses UTF-16 text), as the indentation does.
    const startsLine = overlaps && start.column === indentOf(startLine);
    if (startsLine && cursor.nodeIsNamed && startLine >= low && !depths.has(startLine)) {
      // Nodes are visited outermost first, so the first one recorded for a line is the shallowest.
      depths.set(startLine, depth);
    }
    // Inside a node on one line, every descendant starts on that line, deeper and no further left:
    // none can give the line a shallower depth, so most tokens of a file are never visited.
    const settled = startLine === endLine && (depths.has(startLine) || !startsLine);
    if (overlaps && !settled && cursor.gotoFirstChild()) {
      depth += 1;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return depths;
      depth -= 1;
    }
  }
}
