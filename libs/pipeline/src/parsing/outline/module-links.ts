import type { SyntaxNode } from '../code-parser.js';
import type { OutlineCollector } from './outline-collector.js';
import { FUNCTION_VALUE_TYPES, boundNames, classDisplayName, hasChildOfType, startLine, stringValue } from './syntax-nodes.js';

/**
 * Imports and exports, ES module and CommonJS. Imported names are what the file takes from the module:
 * the imported name for `{ a as b }` (a), the local name for a default import, `*` for a namespace.
 */

export function collectImportStatement(statement: SyntaxNode, collector: OutlineCollector): void {
  const requireClause = statement.namedChildren.find((child) => child.type === 'import_require_clause');
  // `import x = require('y')` keeps its source inside the clause.
  const sourceNode = statement.childForFieldName('source') ?? requireClause?.childForFieldName('source') ?? null;
  if (sourceNode === null) return;
  const names: string[] = [];
  if (requireClause !== undefined) {
    const local = requireClause.namedChildren.find((child) => child.type === 'identifier');
    if (local !== undefined) names.push(local.text);
  }
  const clause = statement.namedChildren.find((child) => child.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part.type === 'identifier') names.push(part.text);
    else if (part.type === 'namespace_import') names.push('*');
    else if (part.type === 'named_imports') {
      for (const specifier of part.namedChildren) {
        const name = specifier.type === 'import_specifier' ? specifier.childForFieldName('name') : null;
        if (name !== null) names.push(name.text);
      }
    }
  }
  collector.addImport(stringValue(sourceNode), names, startLine(statement));
}

/** `require('x')`, with the names a declaration or a property access takes from it. */
export function collectRequireCall(call: SyntaxNode, source: SyntaxNode, collector: OutlineCollector): void {
  const parent = call.parent;
  let names: string[] = [];
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === call.id) {
    const binding = parent.childForFieldName('name');
    if (binding !== null) names = binding.type === 'object_pattern' ? requiredKeys(binding) : boundNames(binding);
  } else if (parent?.type === 'member_expression') {
    const property = parent.childForFieldName('property');
    if (property !== null) names = [property.text];
  }
  collector.addImport(stringValue(source), names, startLine(call));
}

export function collectDynamicImport(call: SyntaxNode, source: SyntaxNode, collector: OutlineCollector): void {
  collector.addImport(stringValue(source), [], startLine(call));
}

/** The keys `const { a, b: c } = require('x')` takes from the module (a and b). */
function requiredKeys(pattern: SyntaxNode): string[] {
  const keys: string[] = [];
  for (const property of pattern.namedChildren) {
    if (property.type === 'shorthand_property_identifier_pattern') keys.push(property.text);
    else if (property.type === 'pair_pattern') {
      const key = property.childForFieldName('key');
      if (key !== null) keys.push(key.text);
    } else if (property.type === 'object_assignment_pattern') {
      const left = property.childForFieldName('left');
      if (left !== null) keys.push(left.text);
    }
  }
  return keys;
}

export function collectExportStatement(statement: SyntaxNode, collector: OutlineCollector): void {
  const line = startLine(statement);
  const source = statement.childForFieldName('source');
  const clause = statement.namedChildren.find((child) => child.type === 'export_clause');

  if (source !== null) {
    // A re-export is also an import of the other module.
    const namespace = statement.namedChildren.find((child) => child.type === 'namespace_export');
    const imported: string[] = [];
    if (clause !== undefined) {
      for (const [name, alias] of exportSpecifiers(clause)) {
        imported.push(name);
        collector.addExport(alias, line);
      }
    } else {
      imported.push('*');
      collector.addExport(namespace?.namedChildren[0]?.text ?? '*', line);
    }
    collector.addImport(stringValue(source), imported, line);
    return;
  }

  if (clause !== undefined) {
    for (const [name, alias] of exportSpecifiers(clause)) {
      collector.addExport(alias, line);
      collector.markExportedLocal(name);
    }
    return;
  }

  const isDefault = hasChildOfType(statement, 'default');
  const declaration = statement.childForFieldName('declaration');
  if (declaration !== null) {
    if (isDefault) collector.addExport('default', line);
    else for (const name of declaredNames(declaration)) collector.addExport(name, line);
    return;
  }

  const value = statement.childForFieldName('value') ?? statement.namedChildren[0];
  if (isDefault || hasChildOfType(statement, '=')) {
    // `export default x` and TypeScript's `export = x` both give the module one default value.
    collector.addExport('default', line);
    if (value !== undefined) exportValue(value, 'default', statement, collector);
  }
  // `export as namespace X` declares a UMD global, not a module export.
}

/** `module.exports = …`, `exports.x = …`, `module.exports.x = …` and `X.prototype.y = function …`. */
export function collectCommonJsAssignment(
  parts: { object: SyntaxNode; middle: SyntaxNode | undefined; property: SyntaxNode; value: SyntaxNode },
  assignment: SyntaxNode,
  collector: OutlineCollector,
): void {
  const { object, middle, property, value } = parts;
  const extent = assignment.parent?.type === 'expression_statement' ? assignment.parent : assignment;
  const line = startLine(assignment);
  if (middle === undefined) {
    if (object.text === 'module' && property.text === 'exports') {
      collector.addExport('default', line);
      if (value.type === 'object') exportObjectMembers(value, collector);
      else exportValue(value, 'default', extent, collector);
    } else if (object.text === 'exports') {
      collector.addExport(property.text, line);
      exportValue(value, property.text, extent, collector);
    }
    return;
  }
  if (middle.text === 'exports' && object.text === 'module') {
    collector.addExport(property.text, line);
    exportValue(value, property.text, extent, collector);
  } else if (middle.text === 'prototype' && FUNCTION_VALUE_TYPES.has(value.type)) {
    collector.addSymbol({
      kind: 'method',
      name: property.text,
      parent: object.text,
      start: extent.startIndex,
      end: extent.endIndex,
      nameStart: assignment.startIndex,
      exported: false,
    });
  }
}

/** Marks what an exported value refers to, or records it as a symbol when it is a function or class. */
function exportValue(value: SyntaxNode, exportName: string, extent: SyntaxNode, collector: OutlineCollector): void {
  if (value.type === 'identifier') {
    collector.markExportedLocal(value.text);
    return;
  }
  const isFunction = FUNCTION_VALUE_TYPES.has(value.type);
  if (!isFunction && value.type !== 'class') return;
  const ownName = isFunction ? value.childForFieldName('name')?.text : classDisplayName(value);
  collector.addSymbol({
    kind: isFunction ? 'function' : 'class',
    name: ownName ?? exportName,
    start: extent.startIndex,
    end: extent.endIndex,
    nameStart: value.startIndex,
    exported: true,
  });
}

/** `module.exports = { a, b: c, d() {} }` exports a, b and d. */
function exportObjectMembers(object: SyntaxNode, collector: OutlineCollector): void {
  for (const member of object.namedChildren) {
    const line = startLine(member);
    if (member.type === 'shorthand_property_identifier') {
      collector.addExport(member.text, line);
      collector.markExportedLocal(member.text);
    } else if (member.type === 'pair' || member.type === 'method_definition') {
      const key = member.childForFieldName(member.type === 'pair' ? 'key' : 'name');
      if (key === null) continue;
      const name = key.type === 'string' ? stringValue(key) : key.text;
      collector.addExport(name, line);
      const value = member.type === 'pair' ? member.childForFieldName('value') : member;
      if (value === null) continue;
      if (member.type === 'method_definition' || FUNCTION_VALUE_TYPES.has(value.type)) {
        collector.addSymbol({ kind: 'function', name, start: member.startIndex, end: member.endIndex, nameStart: member.startIndex, exported: true });
      } else if (value.type === 'identifier') {
        collector.markExportedLocal(value.text);
      }
    }
  }
}

/** `[local, exported]` pairs of `{ a, b as c }`. */
function exportSpecifiers(clause: SyntaxNode): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const specifier of clause.namedChildren) {
    if (specifier.type !== 'export_specifier') continue;
    const name = specifier.childForFieldName('name');
    if (name === null) continue;
    const alias = specifier.childForFieldName('alias');
    pairs.push([unquoted(name), alias === null ? unquoted(name) : unquoted(alias)]);
  }
  return pairs;
}

/** Export names may be string literals: `export { a as "a-b" }`. */
function unquoted(node: SyntaxNode): string {
  return node.type === 'string' ? stringValue(node) : node.text;
}

function declaredNames(declaration: SyntaxNode): string[] {
  switch (declaration.type) {
    case 'lexical_declaration':
    case 'variable_declaration': {
      const names: string[] = [];
      for (const declarator of declaration.namedChildren) {
        const binding = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
        if (binding !== null) boundNames(binding, names);
      }
      return names;
    }
    case 'ambient_declaration': {
      const inner = declaration.namedChildren[0];
      return inner === undefined ? [] : declaredNames(inner);
    }
    default: {
      const name = declaration.childForFieldName('name');
      return name === null ? [] : [unquoted(name)];
    }
  }
}
