import type { SymbolKind } from '@repolens/contracts';
import type { OutlineCollector } from '../outline/outline-collector.js';
import type { TagsLanguage } from './tags-language.js';

/** A declaration as a query reported it, before its parent and export flag are known. */
export interface Found {
  readonly kind: SymbolKind | 'impl';
  readonly declarationOnly: boolean;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  /** The parent named by the declaration itself: a Go receiver, the `A` of C++'s `A::f`. */
  readonly owner?: string;
  readonly traitImpl?: boolean;
  readonly doc?: string;
}

/** Kinds whose functions are methods. */
const TYPE_KINDS: ReadonlySet<string> = new Set(['class', 'struct', 'interface', 'trait', 'enum', 'impl']);
const CALLABLE_KINDS: ReadonlySet<string> = new Set(['function', 'method']);

/**
 * A declaration may be reported twice (from a block and from the wrapper inside it, or by a general
 * and a specific pattern): the two read as one, with the specific kind and the wider extent.
 */
export function keepDeclaration(found: Map<number, Found>, declaration: Found): void {
  const existing = found.get(declaration.nameStart);
  if (existing === undefined) {
    found.set(declaration.nameStart, declaration);
    return;
  }
  const specific = existing.kind === 'type' && declaration.kind !== 'type' ? declaration : existing;
  found.set(declaration.nameStart, {
    ...specific,
    start: Math.min(existing.start, declaration.start),
    end: Math.max(existing.end, declaration.end),
  });
}

interface Enclosing {
  readonly end: number;
  readonly kind: SymbolKind | 'impl';
  readonly name: string;
  readonly exported: boolean;
  readonly traitImpl: boolean;
}

/** Settles parents (by nesting), method kinds and export flags, then hands the symbols over. */
export function addSymbols(found: Found[], spec: TagsLanguage, collector: OutlineCollector): void {
  const source = collector.lines.source;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Enclosing[] = [];
  const settled: Array<{ found: Found; kind: SymbolKind; parent: string | undefined; parentKind: string | undefined; exported: boolean }> = [];
  for (const item of found) {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= item.start) stack.pop();
    const enclosing = stack.at(-1);
    if (enclosing !== undefined && CALLABLE_KINDS.has(enclosing.kind)) {
      // Declared inside a function: local detail, not outline.
      stack.push({ ...enclosing, end: item.end });
      continue;
    }
    let kind: SymbolKind | 'impl' = item.kind;
    let parent = enclosing?.name;
    if (item.owner !== undefined) {
      parent = item.owner;
      if (kind === 'function') kind = 'method';
    } else if (kind === 'function' && enclosing !== undefined) {
      if (TYPE_KINDS.has(enclosing.kind) || (enclosing.kind === 'module' && spec.moduleFunctionsAreMethods === true)) kind = 'method';
    }
    if (kind === 'method' && parent === undefined) kind = 'function';

    const parentFacts =
      enclosing === undefined ? undefined : { kind: enclosing.kind, exported: enclosing.exported, traitImpl: enclosing.traitImpl };
    if (kind === 'impl') {
      stack.push({ end: item.end, kind, name: item.name, exported: true, traitImpl: item.traitImpl === true });
      continue;
    }
    const header = source.slice(item.start, item.nameStart);
    const exported = spec.exported({ kind, name: item.name, header, ...(parentFacts === undefined ? {} : { parent: parentFacts }) });
    // Types, modules and functions enclose what follows; a typedef does not parent its struct.
    if (kind !== 'type') stack.push({ end: item.end, kind, name: item.name, exported, traitImpl: false });
    settled.push({ found: item, kind, parent, parentKind: enclosing?.kind, exported });
  }

  // A prototype is dropped when the file also defines the function (a C forward declaration, a C++
  // member declared in its class and defined as `A::f`).
  const defined = new Set(settled.filter((s) => !s.found.declarationOnly).map((s) => `${s.parent ?? ''}\u0000${s.found.name}`));
  for (const { found: item, kind, parent, parentKind, exported } of settled) {
    if (item.declarationOnly && defined.has(`${parent ?? ''}\u0000${item.name}`)) continue;
    collector.addSymbol({
      kind,
      name: item.name,
      start: item.start,
      end: item.end,
      nameStart: item.nameStart,
      exported,
      ...(parent === undefined ? {} : { parent }),
      ...(item.declarationOnly ? { signatureOnly: true } : {}),
      ...(item.doc === undefined ? {} : { doc: item.doc }),
    });
    // The module's surface: exported declarations that are not members of a type.
    if (exported && kind !== 'method' && (parentKind === undefined || parentKind === 'module')) {
      collector.addExport(item.name, collector.lineOf(item.start));
    }
  }
}
