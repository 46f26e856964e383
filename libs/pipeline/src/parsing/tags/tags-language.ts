import type { SymbolKind } from '@repolens/contracts';
import type { SyntaxNode } from '../code-parser.js';
import type { CommentSyntax } from '../outline/comments.js';
import type { DocCommentStyle } from '../outline/doc-comments.js';

/**
 * What the tags extractor needs to know about one language besides its query: where imports may
 * hide, how comments look, and the language's own rules for exports and import specifiers.
 */
export interface TagsLanguage {
  /**
   * Declarations, with `@body` on the blocks to search next (see `extract-tags.ts`); every pattern
   * starts at a direct child of a block.
   */
  readonly query: string;
  /** Imports that may sit at any depth, queried only on the lines whose text matches `lines`. */
  readonly deepImports?: { readonly query: string; readonly lines: RegExp };
  readonly comments: CommentSyntax;
  readonly docs?: DocCommentStyle;
  /** Ruby: a `def` directly inside a `module` is a method of it, not a free function. */
  readonly moduleFunctionsAreMethods?: boolean;
  /** Whether a declaration is part of the file's public surface, by the language's rules. */
  exported(facts: ExportFacts): boolean;
  /** Imports an import match stands for, with `source` as the language's convention writes it. */
  importsOf(match: ImportMatch): ImportRecord[];
}

export interface ExportFacts {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The declaration's text before its name: modifiers, annotations, return type. */
  readonly header: string;
  readonly parent?: {
    readonly kind: SymbolKind | 'impl';
    readonly exported: boolean;
    /** A Rust `impl Trait for Type`. */
    readonly traitImpl: boolean;
  };
}

export interface ImportMatch {
  /** `import` or a variant after it (`import.mod`, `import.relative`). */
  readonly role: string;
  readonly captures: ReadonlyMap<string, SyntaxNode>;
}

export interface ImportRecord {
  readonly source: string;
  readonly names: string[];
}

/** The text of a capture, or undefined when the match has none. */
export function captureText(match: ImportMatch, name: string): string | undefined {
  return match.captures.get(name)?.text;
}

/** `Point<T>`, `a::b::Point` and `&'a Point` name the type `Point`. */
export function typeName(text: string): string {
  const segments = withoutTemplateArguments(text).replace(/^[&*\s]+(?:'\w+\s+)?(?:mut\s+)?/, '').split('::');
  return (segments.at(-1) ?? text).trim();
}

/** The text without its template or generic arguments, which may nest: `A<B<C>>::D` is `A::D`. */
export function withoutTemplateArguments(text: string): string {
  let stripped = text;
  for (let previous = ''; previous !== stripped; ) {
    previous = stripped;
    stripped = stripped.replace(/<[^<>]*>/g, '');
  }
  return stripped;
}

