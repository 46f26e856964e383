import { SYMBOL_KINDS } from '@repolens/contracts';
import type { SymbolKind } from '@repolens/contracts';
import type { CodeParser, Query, QueryMatch, SyntaxNode, SyntaxTree } from '../code-parser.js';
import type { CodeLanguage } from '../languages.js';
import { startIndexOf, textOf } from '../node-offsets.js';
import { tidyDoc } from '../outline/doc-comments.js';
import type { OutlineCollector } from '../outline/outline-collector.js';
import { matchesOnLines } from '../outline/row-ranges.js';
import { addSymbols, keepDeclaration } from './settle-symbols.js';
import type { Found } from './settle-symbols.js';
import type { ImportRecord, TagsLanguage } from './tags-language.js';
import { typeName, withoutTemplateArguments } from './tags-language.js';

/**
 * Symbols and imports of Python, Go, Java, Rust, C, C++, C#, Ruby and PHP files from tags-style
 * queries. Capture vocabulary:
 * - `@definition.<kind>` the declaration and `@name` its name; `<kind>` is a symbol kind. A function
 *   inside a class, struct, interface, trait, enum or impl becomes a method of it; one inside another
 *   function is left out.
 * - `@declaration.<kind>`: a declaration without a body (a C prototype, a trait method signature),
 *   dropped when the file also defines it.
 * - `@body`: a block to search next (class bodies, namespaces, `#if` blocks); function bodies are not
 *   searched, so a file costs a walk over its declarations, not over every expression in it.
 *   `@wrapper` is a block that belongs to the declaration inside it (decorators, `template <…>`).
 * - `@doc` a docstring (Python); `@receiver` the type of a Go method; `@scope` with `@name` (and
 *   `@trait`) a Rust `impl`, the parent of its functions but not a symbol.
 * - `@import` (the statement) with `@source` and other parts, turned into records by the language.
 */

export interface TagsQueries {
  readonly tags: Query;
  readonly deepImports: Query | undefined;
}

export function tagsQueries(parser: CodeParser, language: CodeLanguage, spec: TagsLanguage): TagsQueries {
  return {
    tags: parser.query(language, spec.query),
    deepImports: spec.deepImports === undefined ? undefined : parser.query(language, spec.deepImports.query),
  };
}

interface Block {
  readonly node: SyntaxNode;
  readonly start: number;
  readonly end: number;
  /** Declarations found in it start where it starts (a decorator, a template head). */
  readonly wrapper: boolean;
}

const SYMBOL_KIND_NAMES: ReadonlySet<string> = new Set(SYMBOL_KINDS);

/** Symbols, imports and exports of a parsed file, into the collector. */
export function extractTags(tree: SyntaxTree, spec: TagsLanguage, queries: TagsQueries, collector: OutlineCollector): void {
  const source = collector.lines.source;
  const found = new Map<number, Found>();
  const imports = new Map<string, { line: number; record: ImportRecord }>();
  const addImports = (match: QueryMatch): void => collectImports(match, spec, collector, imports);

  const root = tree.rootNode;
  const blocks: Block[] = [{ node: root, start: 0, end: source.length, wrapper: false }];
  // A block found twice (by two patterns) is searched once.
  const seenBlocks = new Set<number>();
  for (let block = blocks.pop(); block !== undefined; block = blocks.pop()) {
    for (const match of queries.tags.matches(block.node, { maxStartDepth: 1 })) {
      let role: string | undefined;
      let roleNode: SyntaxNode | undefined;
      let name: SyntaxNode | undefined;
      let doc: SyntaxNode | undefined;
      let receiver: SyntaxNode | undefined;
      let traitImpl = false;
      for (const capture of match.captures) {
        switch (capture.name) {
          case 'name':
            name = capture.node;
            break;
          case 'doc':
            doc = capture.node;
            break;
          case 'receiver':
            receiver = capture.node;
            break;
          case 'trait':
            traitImpl = true;
            break;
          case 'body':
          case 'wrapper': {
            const next = capture.node;
            const start = startIndexOf(next);
            const end = next.endIndex;
            // A block pattern also matches the block itself when it is searched.
            if ((start === block.start && end === block.end) || seenBlocks.has(start)) break;
            seenBlocks.add(start);
            blocks.push({ node: next, start, end, wrapper: capture.name === 'wrapper' });
            break;
          }
          default:
            if (role === undefined && isRole(capture.name)) {
              role = capture.name;
              roleNode = capture.node;
            }
        }
      }
      if (role === undefined || roleNode === undefined) continue;
      if (isImportRole(role)) {
        addImports(match);
        continue;
      }
      if (name === undefined) continue;
      const declaration = readDeclaration(source, role, roleNode, name, block, { doc, receiver, traitImpl });
      if (declaration !== undefined) keepDeclaration(found, declaration);
    }
  }
  if (queries.deepImports !== undefined && spec.deepImports !== undefined) {
    for (const match of matchesOnLines(root, queries.deepImports, source, spec.deepImports.lines)) addImports(match);
  }
  for (const { line, record } of imports.values()) collector.addImport(record.source, record.names, line);
  addSymbols([...found.values()], spec, collector);
}

function isRole(capture: string): boolean {
  return capture.startsWith('definition.') || capture.startsWith('declaration.') || capture === 'scope' || isImportRole(capture);
}

/** `import`, or a variant of it (`import.mod`). */
function isImportRole(capture: string): boolean {
  return capture === 'import' || capture.startsWith('import.');
}

function readDeclaration(
  source: string,
  role: string,
  node: SyntaxNode,
  nameNode: SyntaxNode,
  block: Block,
  parts: { doc: SyntaxNode | undefined; receiver: SyntaxNode | undefined; traitImpl: boolean },
): Found | undefined {
  const kind = role === 'scope' ? 'impl' : role.slice(role.indexOf('.') + 1);
  if (kind !== 'impl' && !SYMBOL_KIND_NAMES.has(kind)) return undefined;
  const nameStart = startIndexOf(nameNode);
  const written = source.slice(nameStart, nameNode.endIndex);
  let name = written;
  let owner = parts.receiver === undefined ? undefined : textOf(parts.receiver, source);
  if (kind === 'impl') {
    name = typeName(written);
  } else if (written.includes('::')) {
    // C++'s `A::B::f` defines f of A::B; a Ruby `class A::B` is named by its last part already.
    const segments = typeNameSegments(written);
    name = segments.at(-1) ?? written;
    owner ??= segments.at(-2);
  } else if (!written.startsWith('operator')) {
    // A template specialization `S<int>` declares `S`.
    name = withoutTemplateArguments(written).trim();
  }
  // Function pointers and macros that parse as declarators have no plain name.
  if (name.length === 0 || /[\s()*&,;]/.test(name.startsWith('operator') ? '' : name)) return undefined;

  const start = startIndexOf(node);
  const declaration: Found = {
    kind: kind as SymbolKind | 'impl',
    declarationOnly: role.startsWith('declaration.'),
    name,
    start: block.wrapper ? Math.min(block.start, start) : start,
    end: node.endIndex,
    nameStart,
    ...(owner === undefined ? {} : { owner }),
    ...(parts.traitImpl ? { traitImpl: true } : {}),
    ...(parts.doc === undefined ? {} : withDoc(docstring(textOf(parts.doc, source)))),
  };
  return declaration;
}

function withDoc(doc: string | undefined): { doc?: string } {
  return doc === undefined ? {} : { doc };
}

/** `a::B<T>::f` as `['a', 'B', 'f']`; `A::operator<` keeps its operator. */
function typeNameSegments(text: string): string[] {
  const operator = text.indexOf('operator');
  const head = withoutTemplateArguments(operator > 0 ? text.slice(0, operator) : text);
  const segments = head.split('::').map((segment) => segment.trim());
  if (operator > 0) segments[segments.length - 1] = text.slice(operator);
  return segments.filter((segment) => segment.length > 0);
}

function collectImports(
  match: QueryMatch,
  spec: TagsLanguage,
  collector: OutlineCollector,
  imports: Map<string, { line: number; record: ImportRecord }>,
): void {
  const captures = new Map<string, SyntaxNode>();
  let role = 'import';
  let statement: SyntaxNode | undefined;
  for (const capture of match.captures) {
    if (isImportRole(capture.name)) {
      role = capture.name;
      statement = capture.node;
    } else if (!captures.has(capture.name)) {
      captures.set(capture.name, capture.node);
    }
  }
  if (statement === undefined) return;
  const start = statement.startIndex;
  for (const record of spec.importsOf({ role, captures })) {
    if (record.source.length === 0) continue;
    // `from x import a, b` is one match per name: they read as one import.
    const key = `${start}\u0000${record.source}`;
    const existing = imports.get(key);
    if (existing === undefined) imports.set(key, { line: collector.lineOf(start), record: { source: record.source, names: [...record.names] } });
    else for (const name of record.names) if (!existing.record.names.includes(name)) existing.record.names.push(name);
  }
}

/** A Python docstring's text: quotes and string prefixes off, indentation of continuation lines removed. */
export function docstring(literal: string): string | undefined {
  const match = /^[rRuUbBfF]{0,2}("""|'''|"|')([\s\S]*)\1$/.exec(literal);
  if (match === null) return undefined;
  const lines = (match[2] ?? '').split('\n');
  const rest = lines.slice(1);
  const indents = rest.filter((line) => line.trim().length > 0).map((line) => line.length - line.trimStart().length);
  const indent = indents.length === 0 ? 0 : Math.min(...indents);
  return tidyDoc([lines[0]?.trim() ?? '', ...rest.map((line) => line.slice(indent))].join('\n'));
}
