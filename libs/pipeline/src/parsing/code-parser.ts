import type TreeSitter from 'tree-sitter';
import { loadGrammar, loadParserModule } from './grammars.js';
import type { CodeLanguage } from './languages.js';

export type SyntaxTree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.SyntaxNode;
export type Query = TreeSitter.Query;
export type QueryMatch = TreeSitter.QueryMatch;
export type QueryCapture = TreeSitter.QueryCapture;

interface LanguageRuntime {
  readonly parser: TreeSitter;
  readonly grammar: unknown;
  /** Compiled queries by their text. */
  readonly queries: Map<string, Query>;
}

/**
 * One native parser per language, created on first use and reused for every file. Not safe to share
 * between concurrent callers of `parse` (tree-sitter parsers are stateful), which a single-threaded
 * stage never is.
 */
export class CodeParser {
  readonly #runtimes = new Map<CodeLanguage, LanguageRuntime>();

  parse(language: CodeLanguage, source: string): SyntaxTree {
    const { parser } = this.#runtime(language);
    try {
      // The 0.21 binding copies the text into a buffer of UTF-16 units that must also hold a terminator;
      // its 32 KB default makes longer inputs fail ("Invalid argument").
      return parser.parse(source, undefined, { bufferSize: source.length + 1 });
    } catch (error) {
      parser.reset();
      throw error;
    }
  }

  /** A query in the language's grammar, compiled on first use and kept for the parser's life. */
  query(language: CodeLanguage, text: string): Query {
    const runtime = this.#runtime(language);
    let query = runtime.queries.get(text);
    if (query === undefined) {
      const { Query } = loadParserModule();
      query = new Query(runtime.grammar, text);
      runtime.queries.set(text, query);
    }
    return query;
  }

  #runtime(language: CodeLanguage): LanguageRuntime {
    let runtime = this.#runtimes.get(language);
    if (runtime === undefined) {
      const Parser = loadParserModule();
      const grammar = loadGrammar(language);
      const parser = new Parser();
      parser.setLanguage(grammar);
      runtime = { parser, grammar, queries: new Map() };
      this.#runtimes.set(language, runtime);
    }
    return runtime;
  }
}
