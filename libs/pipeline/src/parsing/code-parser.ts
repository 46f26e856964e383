import { createRequire } from 'node:module';
import type TreeSitter from 'tree-sitter';
import type { CodeLanguage } from './languages.js';
import { JAVASCRIPT_OUTLINE_QUERY, MODULE_CALL_QUERY } from './queries/javascript.js';
import { TYPESCRIPT_OUTLINE_QUERY } from './queries/typescript.js';

export type SyntaxTree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.SyntaxNode;
export type Query = TreeSitter.Query;
export type QueryMatch = TreeSitter.QueryMatch;

/** The compiled queries of one language. */
export interface OutlineQueries {
  /** Declarations, import and export statements, CommonJS exports. */
  readonly outline: Query;
  /** `require('x')` and `import('x')` calls. */
  readonly moduleCalls: Query;
}

// The native binding and the grammars are CommonJS packages; they are loaded on first use, so importing
// this module does no work.
const require = createRequire(import.meta.url);

type ParserConstructor = typeof TreeSitter;

function loadParserModule(): ParserConstructor {
  return require('tree-sitter') as ParserConstructor;
}

/** The grammar object tree-sitter's `setLanguage` and `Query` take. */
function loadGrammar(language: CodeLanguage): unknown {
  switch (language) {
    case 'typescript':
      return (require('tree-sitter-typescript') as { typescript: unknown }).typescript;
    case 'tsx':
      return (require('tree-sitter-typescript') as { tsx: unknown }).tsx;
    case 'javascript':
      return require('tree-sitter-javascript') as unknown;
  }
}

const OUTLINE_QUERY_SOURCES = {
  typescript: TYPESCRIPT_OUTLINE_QUERY,
  tsx: TYPESCRIPT_OUTLINE_QUERY,
  javascript: JAVASCRIPT_OUTLINE_QUERY,
} as const satisfies Record<CodeLanguage, string>;

interface LanguageRuntime {
  readonly parser: TreeSitter;
  readonly grammar: unknown;
  queries: OutlineQueries | undefined;
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
      // Without an explicit buffer the 0.21 binding rejects inputs over about 32 KB ("Invalid argument").
      return parser.parse(source, undefined, { bufferSize: Buffer.byteLength(source, 'utf8') * 2 + 1 });
    } catch (error) {
      parser.reset();
      throw error;
    }
  }

  /** The compiled queries (symbols, imports, exports) for a language, compiled on first use. */
  outlineQueries(language: CodeLanguage): OutlineQueries {
    const runtime = this.#runtime(language);
    if (runtime.queries === undefined) {
      const { Query } = loadParserModule();
      runtime.queries = {
        outline: new Query(runtime.grammar, OUTLINE_QUERY_SOURCES[language]),
        moduleCalls: new Query(runtime.grammar, MODULE_CALL_QUERY),
      };
    }
    return runtime.queries;
  }

  #runtime(language: CodeLanguage): LanguageRuntime {
    let runtime = this.#runtimes.get(language);
    if (runtime === undefined) {
      const Parser = loadParserModule();
      const grammar = loadGrammar(language);
      const parser = new Parser();
      parser.setLanguage(grammar);
      runtime = { parser, grammar, queries: undefined };
      this.#runtimes.set(language, runtime);
    }
    return runtime;
  }
}
