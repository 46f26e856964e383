import type { CodeSymbol, FileAnalysis, SymbolKind } from '@repolens/contracts';
import type { DocComments } from './doc-comments.js';
import type { SourceLines } from './source-lines.js';

export type ModuleImport = FileAnalysis['imports'][number];
export type ModuleExport = FileAnalysis['exports'][number];

/** What a file declares and links to. */
export interface FileOutline {
  readonly symbols: CodeSymbol[];
  readonly imports: ModuleImport[];
  readonly exports: ModuleExport[];
}

/** A declaration by offsets into the source, so the collector never goes back to the syntax tree. */
export interface SymbolDeclaration {
  readonly kind: SymbolKind;
  readonly name: string;
  /** Offsets of what a reader sees as the declaration: `export`, decorators and templates included. */
  readonly start: number;
  readonly end: number;
  /** Offset of the name; its line is shown as the signature (not a decorator's). */
  readonly nameStart: number;
  /** Exported by its own syntax (`export …`, `pub`, `public`); `export { x }` is found later. */
  readonly exported: boolean;
  readonly parent?: string;
  /** An overload or interface member without a body, merged with the declarations that follow it. */
  readonly signatureOnly?: boolean;
  /** Offset of the block it sits in; overloads of one function share it. */
  readonly scope?: number | undefined;
  /** A doc the grammar knows (a Python docstring); otherwise the comment above is the doc. */
  readonly doc?: string;
}

export interface OutlineCollectorOptions {
  /** TypeScript and JavaScript: a member is exported exactly when its class or interface is. */
  readonly membersFollowOwners?: boolean;
  readonly docs?: DocComments;
}

const MAX_SIGNATURE_LENGTH = 200;

/**
 * Gathers symbols, imports and exports as the queries report them, then settles what needs the whole
 * file: export flags set by `export { x }` or `module.exports = x`, member flags from their class,
 * overload runs and doc comments.
 */
export class OutlineCollector {
  readonly #lines: SourceLines;
  readonly #options: OutlineCollectorOptions;
  readonly #declarations: SymbolDeclaration[] = [];
  readonly #declared = new Set<string>();
  readonly #imports: ModuleImport[] = [];
  readonly #importKeys = new Set<string>();
  readonly #exports = new Map<string, number>();
  readonly #exportedLocals = new Set<string>();

  constructor(lines: SourceLines, options: OutlineCollectorOptions = {}) {
    this.#lines = lines;
    this.#options = options;
  }

  get lines(): SourceLines {
    return this.#lines;
  }

  /** A declaration; one reported again (from a block searched twice over) is kept once. */
  addSymbol(declaration: SymbolDeclaration): void {
    const key = `${declaration.kind}:${declaration.start}:${declaration.nameStart}`;
    if (this.#declared.has(key)) return;
    this.#declared.add(key);
    this.#declarations.push(declaration);
  }

  addImport(source: string, names: string[], line: number): void {
    const key = `${line}:${source}:${names.join(',')}`;
    if (this.#importKeys.has(key)) return;
    this.#importKeys.add(key);
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

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    return this.#lines.rowOf(offset) + 1;
  }

  finish(): FileOutline {
    const declarations = [...this.#declarations].sort((a, b) => a.start - b.start || b.end - a.end);
    const symbols: CodeSymbol[] = [];
    const kept: SymbolDeclaration[] = [];
    for (const declaration of declarations) {
      const previous = kept.at(-1);
      const lastSymbol = symbols.at(-1);
      if (previous !== undefined && lastSymbol !== undefined && continuesOverload(previous, declaration)) {
        lastSymbol.endLine = Math.max(lastSymbol.endLine, this.#endLine(declaration));
        lastSymbol.exported ||= declaration.exported;
        kept[kept.length - 1] = declaration;
        continue;
      }
      kept.push(declaration);
      symbols.push(this.#toSymbol(declaration));
    }

    if (this.#exportedLocals.size > 0 || this.#options.membersFollowOwners === true) {
      const exportedOwners = new Set<string>();
      for (const symbol of symbols) {
        if (symbol.kind === 'method') continue;
        symbol.exported ||= this.#exportedLocals.has(symbol.name);
        if (symbol.exported) exportedOwners.add(symbol.name);
      }
      // A member is part of the module's API exactly when its class, interface (or, for
      // `F.prototype.m = …`, constructor function) is.
      if (this.#options.membersFollowOwners === true) {
        for (const symbol of symbols) {
          if (symbol.kind === 'method' && symbol.parent !== undefined) symbol.exported ||= exportedOwners.has(symbol.parent);
        }
      }
    }

    const exports = [...this.#exports].map(([name, line]) => ({ name, line })).sort((a, b) => a.line - b.line);
    const imports = [...this.#imports].sort((a, b) => a.line - b.line);
    return { symbols, imports, exports };
  }

  #endLine(declaration: SymbolDeclaration): number {
    // The row of the last character: a declaration that ends with its line break ends on that line.
    return this.#lines.rowOf(Math.max(declaration.start, declaration.end - 1)) + 1;
  }

  #toSymbol(declaration: SymbolDeclaration): CodeSymbol {
    const startRow = this.#lines.rowOf(declaration.start);
    const symbol: CodeSymbol = {
      name: declaration.name,
      kind: declaration.kind,
      startLine: startRow + 1,
      endLine: this.#endLine(declaration),
      signature: this.#signature(this.#lines.rowOf(declaration.nameStart)),
      exported: declaration.exported,
    };
    if (declaration.parent !== undefined) symbol.parent = declaration.parent;
    const doc = declaration.doc ?? this.#options.docs?.above(startRow);
    if (doc !== undefined) symbol.doc = doc;
    return symbol;
  }

  #signature(row: number): string {
    const line = this.#lines.text(row).trim();
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
    previous.scope === next.scope
  );
}
