import type { CodeSymbol } from '@repolens/contracts';

/** For tests: symbols as `kind name[@parent] start-end[ exported]`, the way a reader scans an outline. */
export function outlineLines(symbols: readonly CodeSymbol[]): string[] {
  return symbols.map(
    (symbol) =>
      `${symbol.kind} ${symbol.name}${symbol.parent === undefined ? '' : `@${symbol.parent}`} ${symbol.startLine}-${symbol.endLine}${symbol.exported ? ' exported' : ''}`,
  );
}

/** For tests: the symbol with this name (and parent), failing loudly when there is none. */
export function symbolNamed(symbols: readonly CodeSymbol[], name: string, parent?: string): CodeSymbol {
  const symbol = symbols.find((candidate) => candidate.name === name && (parent === undefined || candidate.parent === parent));
  if (symbol === undefined) throw new Error(`no symbol ${name}${parent === undefined ? '' : ` in ${parent}`}`);
  return symbol;
}
