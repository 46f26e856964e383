import type { SyntaxNode } from '../code-parser.js';

/** Small, grammar-aware readers shared by the outline extractors. */

/** 1-based line of a node's first character. */
export function startLine(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** 1-based line of a node's last character. */
export function endLine(node: SyntaxNode): number {
  const { row, column } = node.endPosition;
  // A node that ends right after a newline ends on the line before.
  return column === 0 && row > node.startPosition.row ? row : row + 1;
}

/** The value of a string literal node, without its quotes. */
export function stringValue(node: SyntaxNode): string {
  return node.text.slice(1, -1);
}

export function hasChildOfType(node: SyntaxNode, type: string): boolean {
  for (const child of node.children) if (child.type === type) return true;
  return false;
}

export const FUNCTION_VALUE_TYPES: ReadonlySet<string> = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
]);

const CLASS_TYPES: ReadonlySet<string> = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/** Scopes whose declarations belong to the module's outline: the file itself and namespace bodies. */
function isModuleScope(node: SyntaxNode | null): boolean {
  if (node === null) return false;
  if (node.type === 'program') return true;
  if (node.type === 'export_statement') return isModuleScope(node.parent);
  // `namespace N { … }` and `declare module 'x' { … }` bodies.
  return node.type === 'statement_block' && (node.parent?.type === 'internal_module' || node.parent?.type === 'module');
}

/** The statement a `const x = …` declarator belongs to, when it sits at module scope. */
export function moduleScopeStatement(declarator: SyntaxNode): SyntaxNode | null {
  const statement = declarator.parent;
  if (statement === null || !isModuleScope(statement.parent)) return null;
  return statement;
}

/** Widen a declaration to what a reader sees as it: `export` and `declare` wrappers included. */
export function declarationExtent(node: SyntaxNode): { node: SyntaxNode; exported: boolean } {
  let extent = node;
  if (extent.parent?.type === 'ambient_declaration') extent = extent.parent;
  if (extent.parent?.type === 'export_statement') return { node: extent.parent, exported: true };
  return { node: extent, exported: false };
}

/**
 * The class or interface a member belongs to, by name; null for members of object literals and type
 * literals, which are not part of the outline.
 */
export function memberContainerName(member: SyntaxNode): string | null {
  const body = member.parent;
  const owner = body?.parent;
  if (body === null || owner === null || owner === undefined) return null;
  if (body.type === 'interface_body' && owner.type === 'interface_declaration') {
    return owner.childForFieldName('name')?.text ?? null;
  }
  if (body.type !== 'class_body' || !CLASS_TYPES.has(owner.type)) return null;
  return classDisplayName(owner);
}

/** A class's name; a class expression takes its variable's name, an anonymous default export `default`. */
export function classDisplayName(classNode: SyntaxNode): string {
  const own = classNode.childForFieldName('name');
  if (own !== null) return own.text;
  const parent = classNode.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? 'default';
  return 'default';
}

/** Identifiers a declaration binds: `const { a, b: c = 1, ...rest } = …` binds a, c and rest. */
export function boundNames(pattern: SyntaxNode, names: string[] = []): string[] {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      names.push(pattern.text);
      break;
    case 'pair_pattern': {
      const value = pattern.childForFieldName('value');
      if (value !== null) boundNames(value, names);
      break;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left !== null) boundNames(left, names);
      break;
    }
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const child of pattern.namedChildren) boundNames(child, names);
      break;
    default:
      break;
  }
  return names;
}
