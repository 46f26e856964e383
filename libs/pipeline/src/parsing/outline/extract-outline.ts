import { SYMBOL_KINDS } from '@repolens/contracts';
import type { SymbolKind } from '@repolens/contracts';
import type { CodeParser, Query, QueryMatch, SyntaxNode, SyntaxTree } from '../code-parser.js';
import type { EcmaScriptLanguage } from '../languages.js';
import { JAVASCRIPT_OUTLINE_QUERY, MODULE_CALL_QUERY } from '../queries/javascript.js';
import { TYPESCRIPT_OUTLINE_QUERY } from '../queries/typescript.js';
import {
  collectCommonJsAssignment,
  collectDynamicImport,
  collectExportStatement,
  collectImportStatement,
  collectRequireCall,
} from './module-links.js';
import type { OutlineCollector } from './outline-collector.js';
import { matchesOnLines } from './row-ranges.js';
import { declarationExtent, memberContainerName, moduleScopeStatement } from './syntax-nodes.js';

/** The compiled queries of TypeScript, TSX or JavaScript. */
export interface OutlineQueries {
  /** Declarations, import and export statements, CommonJS exports. */
  readonly outline: Query;
  /** `require('x')` and `import('x')` calls. */
  readonly moduleCalls: Query;
}

export function ecmaScriptQueries(parser: CodeParser, language: EcmaScriptLanguage): OutlineQueries {
  const outline = language === 'javascript' ? JAVASCRIPT_OUTLINE_QUERY : TYPESCRIPT_OUTLINE_QUERY;
  return { outline: parser.query(language, outline), moduleCalls: parser.query(language, MODULE_CALL_QUERY) };
}

/**
 * How deep under the file or a searched block (`@body`) a declaration may start and still be
 * outlined; the query cursor skips deeper subtrees, most of which are function bodies. 5 reaches
 * members of exported classes (depth 4) and declarators of exported variables; namespace members
 * and `exports.x = …` inside UMD wrappers are found by searching those blocks again.
 */
const OUTLINE_MAX_START_DEPTH = 5;

/** Symbols, imports and exports of a parsed TypeScript or JavaScript file, into the collector. */
export function extractOutline(tree: SyntaxTree, queries: OutlineQueries, collector: OutlineCollector): void {
  const source = collector.lines.source;
  const blocks: SyntaxNode[] = [tree.rootNode];
  const searched = new Set<number>();
  for (let block = blocks.pop(); block !== undefined; block = blocks.pop()) {
    for (const match of queries.outline.matches(block, { maxStartDepth: OUTLINE_MAX_START_DEPTH })) {
      const body = match.captures.find((capture) => capture.name === 'body')?.node;
      if (body === undefined) {
        collectQueryMatch(match, collector);
      } else if (!searched.has(body.startIndex)) {
        searched.add(body.startIndex);
        blocks.push(body);
      }
    }
  }
  // require() and import() may sit at any depth; querying only the lines whose text mentions them costs
  // a tenth of a full-depth query, with the same matches.
  for (const match of matchesOnLines(tree.rootNode, queries.moduleCalls, source, MODULE_CALL_TEXT)) {
    collectQueryMatch(match, collector);
  }
}

const MODULE_CALL_TEXT = /\b(?:require|import)\s*\(/g;

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
  const nameStart = name.startIndex;

  if (kind === 'method') {
    const parent = memberContainerName(node);
    if (parent === null) return;
    const signatureOnly = node.type === 'method_signature';
    const { start, end, scope } = spanWithScope(node);
    collector.addSymbol({ kind, name: name.text, parent, start, end, scope, nameStart, exported: false, signatureOnly });
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
    collector.addSymbol({ kind, name: name.text, start: extent.startIndex, end: extent.endIndex, nameStart, exported: exportedStatement });
    return;
  }

  const { node: extent, exported } = declarationExtent(node);
  const signatureOnly = node.type === 'function_signature';
  const { start, end, scope } = kind === 'function' ? spanWithScope(extent) : { start: extent.startIndex, end: extent.endIndex, scope: undefined };
  collector.addSymbol({ kind, name: name.text, start, end, scope, nameStart, exported, signatureOnly });
}

/** Offsets of a function or method and of the block it sits in, which tells overloads apart. */
function spanWithScope(node: SyntaxNode): { start: number; end: number; scope: number | undefined } {
  return { start: node.startIndex, end: node.endIndex, scope: node.parent?.startIndex };
}
