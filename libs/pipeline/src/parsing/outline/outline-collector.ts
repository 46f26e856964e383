import type { CodeSymbol, FileAnalysis, SymbolKind } from '@repolens/contracts';
import type { SyntaxNode } from '../code-parser.js';
import { endLine, startLine } from './syntax-nodes.js';

export type ModuleImport = FileAnalysis['imports'][number];
export type ModuleExport = FileAnalysis['exports'][number];

/** What a file declares and links to. */
export interface FileOutline {
  readonly symbols: CodeSymbol[];
  readonly imports: ModuleImport[];
  readonly exports: ModuleExport[];
}

export interface SymbolDeclaration {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The node whose lines the symbol spans: the declaration with its `export` wrapper. */
  readonly extent: SyntaxNode;
  /** 0-based row of the line shown as the signature (the name's line, not a decorator's). */
  readonly signatureRow: number;
  /** Exported by its own syntax (`export …`, `exports.x = …`); `export { x }` is found later. */
  readonly exported: boolean;
  readonly parent?: string;
  /** An overload or interface member without a body, merged with the declarations that follow it. */
  readonly signatureOnly?: boolean;
}

const MAX_SIGNATURE_LENGTH = 200;

/**
 * Gathers symbols, imports and exports as the query reports them, then settles what needs the whole
 * file: export flags set by `export { x }` or `module.exports = x`, member flags from their class, and
 * overload runs.
 */
export class OutlineCollector {
  readonly #source: string;
  #lines: string[] | undefined;
  readonly #declarations: SymbolDeclaration[] = [];
  readonly #imports: ModuleImport[] = [];
  readonly #exports = new Map<string, number>();
  readonly #exportedLocals = new Set<string>();

  constructor(source: string) {
    this.#source = source;
  }

  addSymbol(declaration: SymbolDeclaration): void {
    this.#declarations.push(declaration);
  }

  addImport(source: string, names: string[], line: number): void {
    this.#imports.push({ source, names, line });
  }

  /** A name the module exports; the first line it is exported on wins (overloads export it repeatedly). */
  addExport(name: string, line: number): void {
    if (!this.#exports.has(name)) this.#exports.set(name, line);
  }

  /** A local binding exported by name elsewhere in the file. */
  markExportedLocal(name: string): void {
    this.#exportedLocals.add(name);
  }

  finish(): FileOutline {
    const declarations = [...this.#declarations].sort(
      (a, b) => a.extent.startIndex - b.extent.startIndex || b.extent.endIndex - a.extent.endIndex,
    );
    const symbols: CodeSymbol[] = [];
    const kept: SymbolDeclaration[] = [];
    for (const declaration of declarations) {
      const previous = kept.at(-1);
      const lastSymbol = symbols.at(-1);
      if (previous !== undefined && lastSymbol !== undefined && continuesOverload(previous, declaration)) {
        lastSymbol.endLine = Math.max(lastSymbol.endLine, endLine(declaration.extent));
        lastSymbol.exported ||= declaration.exported;
        kept[kept.length - 1] = declaration;
        continue;
      }
      kept.push(declaration);
      symbols.push(this.#toSymbol(declaration));
    }

    const exportedOwners = new Set<string>();
    for (const symbol of symbols) {
      if (symbol.kind === 'method') continue;
      symbol.exported ||= this.#exportedLocals.has(symbol.name);
      if (symbol.exported) exportedOwners.add(symbol.name);
    }
    // A member is part of the module's API exactly when its class, interface (or, for
    // `F.prototype.m = …`, constructor function) is.
    for (const symbol of symbols) {
      if (symbol.kind === 'method' && symbol.parent !== undefined) symbol.exported ||= exportedOwners.has(symbol.parent);
    }

    const exports = [...this.#exports].map(([name, line]) => ({ name, line })).sort((a, b) => a.line - b.line);
    const imports = [...this.#imports].sort((a, b) => a.line - b.line);
    return { symbols, imports, exports };
  }

  #toSymbol(declaration: SymbolDeclaration): CodeSymbol {
    const symbol: CodeSymbol = {
      name: declaration.name,
      kind: declaration.kind,
      startLine: startLine(declaration.extent),
      endLine: endLine(declaration.extent),
      signature: this.#signature(declaration.signatureRow),
      exported: declaration.exported,
    };
    if (declaration.parent !== undefined) symbol.parent = declaration.parent;
    return symbol;
  }

  #signature(row: number): string {
    this.#lines ??= this.#source.split('\n');
    const line = (this.#lines[row] ?? '').trim();
    return line.length > MAX_SIGNATURE_LENGTH ? `${line.slice(0, MAX_SIGNATURE_LENGTH - 1)}…` : line;
  }
}

/** `f(a: string): void; f(a: number): void; f(a) { … }` read as one symbol spanning all three. */
function continuesOverload(previous: SymbolDeclaration, next: SymbolDeclaration): boolean {
  return (
    previous.signatureOnly === true &&
    previous.name === next.name &&
    previous.kind === next.kind &&
    previous.parent === next.parent &&
    previous.extent.parent?.id === next.extent.parent?.id
  );
}
