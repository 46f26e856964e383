import type { SyntaxNode } from '../code-parser.js';

const MAX_REPORTED_LINES = 10;

/**
 * 1-based lines holding syntax errors (ERROR or MISSING nodes), first ones only. Tree-sitter recovers
 * from errors rather than failing, so this is how a broken file is told apart.
 */
export function syntaxErrorLines(root: SyntaxNode): number[] {
  const lines = new Set<number>();
  const visit = (node: SyntaxNode): void => {
    if (lines.size >= MAX_REPORTED_LINES) return;
    if (node.isError || node.isMissing) {
      lines.add(node.startPosition.row + 1);
      if (node.isMissing) return;
    }
    // Only subtrees that contain an error are entered, so a mostly valid file costs little.
    for (const child of node.children) if (child.hasError || child.isMissing) visit(child);
  };
  if (root.hasError) visit(root);
  return [...lines].sort((a, b) => a - b);
}

export function describeSyntaxErrors(lines: readonly number[]): string {
  return `syntax errors at line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}`;
}
