import { SYMBOL_KINDS } from '@repolens/contracts';
import type { SymbolKind } from '@repolens/contracts';
import type { OutlineQueries, QueryMatch, SyntaxNode, SyntaxTree } from '../code-parser.js';
import {
  collectCommonJsAssignment,
  collectDynamicImport,
  collectExportStatement,
  collectImportStatement,
  collectRequireCall,
} from './module-links.js';
import { OutlineCollector } from './outline-collector.js';
import type { FileOutline } from './outline-collector.js';
import { declarationExtent, memberContainerName, moduleScopeStatement } from './syntax-nodes.js';

/**
 * How deep a declaration may start and still be outlined. The query cursor then skips deeper subtrees,
 * which halves query time on large files. 8 reaches class members inside namespaces (depth 7) and
 * `exports.x = …` inside UMD wrappers (7); what it misses is mostly functions local to other functions.
 */
const OUTLINE_MAX_START_DEPTH = 8;

/** Symbols, imports and exports of a parsed file, from the language's outline queries. */
export function extractOutline(tree: SyntaxTree, source: string, queries: OutlineQueries): FileOutline {
  const collector = new OutlineCollector(source);
  for (const match of queries.outline.matches(tree.rootNode, { maxStartDepth: OUTLINE_MAX_START_DEPTH })) {
    collectQueryMatch(match, collector);
  }
  // require() and import() may sit at any depth; querying only the lines whose text mentions them costs
  // a tenth of a full-depth query, with the same matches.
  const seen = new Set<number>();
  for (const [firstRow, lastRow] of moduleCallRowRanges(source)) {
    const range = { startPosition: { row: firstRow, column: 0 }, endPosition: { row: lastRow + 1, column: 0 } };
    for (const match of queries.moduleCalls.matches(tree.rootNode, range)) {
      const call = match.captures.find((capture) => capture.name === 'require' || capture.name === 'dynamic-import');
      if (call === undefined || seen.has(call.node.startIndex)) continue;
      seen.add(call.node.startIndex);
      collectQueryMatch(match, collector);
    }
  }
  return collector.finish();
}

const MODULE_CALL_TEXT = /\b(?:require|import)\s*\(/g;
/** Hits this many lines apart or closer share one ranged query. */
const MODULE_CALL_ROW_GAP = 8;

/** 0-based row ranges holding the text `require(` or `import(`, nearby hits merged. */
function moduleCallRowRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let row = 0;
  let newline = source.indexOf('\n');
  for (const hit of source.matchAll(MODULE_CALL_TEXT)) {
    while (newline !== -1 && newline < hit.index) {
      row += 1;
      newline = source.indexOf('\n', newline + 1);
    }
    const last = ranges.at(-1);
    if (last !== undefined && row <= last[1] + MODULE_CALL_ROW_GAP) last[1] = row;
    else ranges.push([row, row]);
  }
  return ranges;
}

function collectQueryMatch(match: QueryMatch, collector: OutlineCollector): void {
  const captures = new Map<string, SyntaxNode>();
  let role: string | undefined;
  for (const capture of match.captures) {
    if (!captures.has(capture.name)) captures.set(capture.name, capture.node);
    if (!isPartCapture(capture.name)) role = capture.name;
  }
  const node = role === undefined ? undefined : captures.get(role);
  if (role !== undefined && node !== undefined) collectMatch(role, node, captures, collector);
}

const PART_CAPTURES: ReadonlySet<string> = new Set(['name', 'callee', 'source', 'object', 'middle', 'property', 'value']);

function isPartCapture(name: string): boolean {
  return PART_CAPTURES.has(name);
}

function collectMatch(role: string, node: SyntaxNode, captures: Map<string, SyntaxNode>, collector: OutlineCollector): void {
  const source = captures.get('source');
  switch (role) {
    case 'import':
      return collectImportStatement(node, collector);
    case 'export':
      return collectExportStatement(node, collector);
    case 'require':
      if (source !== undefined) collectRequireCall(node, source, collector);
      return;
    case 'dynamic-import':
      if (source !== undefined) collectDynamicImport(node, source, collector);
      return;
    case 'commonjs': {
      const object = captures.get('object');
      const property = captures.get('property');
      const value = captures.get('value');
      if (object === undefined || property === undefined || value === undefined) return;
      return collectCommonJsAssignment({ object, middle: captures.get('middle'), property, value }, node, collector);
    }
    default: {
      const name = captures.get('name');
      if (name !== undefined && role.startsWith('definition.')) collectDefinition(role, node, name, collector);
    }
  }
}

const SYMBOL_KIND_NAMES: ReadonlySet<string> = new Set(SYMBOL_KINDS);

function isSymbolKind(name: string | undefined): name is SymbolKind {
  return name !== undefined && SYMBOL_KIND_NAMES.has(name);
}

/** `definition.<kind>` or `definition.<kind>.variable` (a function or class assigned to a variable). */
function collectDefinition(role: string, node: SyntaxNode, name: SyntaxNode, collector: OutlineCollector): void {
  const [, kind, variant] = role.split('.');
  if (!isSymbolKind(kind)) return;
  const signatureRow = name.startPosition.row;

  if (kind === 'method') {
    const parent = memberContainerName(node);
    if (parent === null) return;
    const signatureOnly = node.type === 'method_signature';
    collector.addSymbol({ kind, name: name.text, parent, extent: node, signatureRow, exported: false, signatureOnly });
    return;
  }

  if (variant === 'variable') {
    const statement = moduleScopeStatement(node);
    // Functions assigned to locals inside other functions are implementation detail, not outline.
    if (statement === null) return;
    const declarators = statement.namedChildren.filter((child) => child.type === 'variable_declarator');
    // `const a = () => 1;` spans its statement; `const a = …, b = …;` each its own declarator.
    const { node: extent, exported } = declarationExtent(declarators.length === 1 ? statement : node);
    const exportedStatement = exported || statement.parent?.type === 'export_statement';
    collector.addSymbol({ kind, name: name.text, extent, signatureRow, exported: exportedStatement });
    return;
  }

  const { node: extent, exported } = declarationExtent(node);
  const signatureOnly = node.type === 'function_signature';
  collector.addSymbol({ kind, name: name.text, extent, signatureRow, exported, signatureOnly });
}
