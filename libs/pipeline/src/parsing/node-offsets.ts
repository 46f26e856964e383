import type { SyntaxNode } from './code-parser.js';

/**
 * Every node property read is a call into the native binding (about half a microsecond), and an
 * outline reads a few per symbol. node-tree-sitter 0.21 copies each node's start into the node object
 * when it hands the node to JavaScript (fields 2 and 3: the start byte in its UTF-16 text, the start
 * row), so the start can be read without a call. The layout is checked against the getter on the
 * first node; should another binding version lay nodes out otherwise, the getter is used.
 */
let layoutConfirmed: boolean | undefined;

interface NodeFields {
  readonly [field: number]: unknown;
}

/** `node.startIndex`, without calling into the binding where possible. */
export function startIndexOf(node: SyntaxNode): number {
  const startByte = (node as unknown as NodeFields)[2];
  if (layoutConfirmed === undefined) layoutConfirmed = typeof startByte === 'number' && startByte / 2 === node.startIndex;
  return layoutConfirmed && typeof startByte === 'number' ? startByte / 2 : node.startIndex;
}

/** `node.text`, with one call into the binding instead of two. */
export function textOf(node: SyntaxNode, source: string): string {
  return source.slice(startIndexOf(node), node.endIndex);
}
