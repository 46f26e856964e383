import { createRequire } from 'node:module';
import type TreeSitter from 'tree-sitter';
import type { CodeLanguage } from './languages.js';

// The native binding and the grammars are CommonJS packages; they are loaded on first use, so importing
// this module does no work.
const require = createRequire(import.meta.url);

export type ParserModule = typeof TreeSitter;

export function loadParserModule(): ParserModule {
  return require('tree-sitter') as ParserModule;
}

/** The grammar object tree-sitter's `setLanguage` and `Query` take. */
export function loadGrammar(language: CodeLanguage): unknown {
  switch (language) {
    case 'typescript':
      return (require('tree-sitter-typescript') as { typescript: unknown }).typescript;
    case 'tsx':
      return (require('tree-sitter-typescript') as { tsx: unknown }).tsx;
    case 'javascript':
      return require('tree-sitter-javascript') as unknown;
    case 'python':
      return require('tree-sitter-python') as unknown;
    case 'go':
      return require('tree-sitter-go') as unknown;
    case 'java':
      return require('tree-sitter-java') as unknown;
    case 'rust':
      return require('tree-sitter-rust') as unknown;
    case 'c':
      return require('tree-sitter-c') as unknown;
    case 'cpp':
      return require('tree-sitter-cpp') as unknown;
    case 'csharp':
      return require('tree-sitter-c-sharp') as unknown;
    case 'ruby':
      return require('tree-sitter-ruby') as unknown;
    case 'php':
      // The `php` grammar reads files with HTML around `<?php`; `php_only` would need the tag stripped.
      return (require('tree-sitter-php') as { php: unknown }).php;
  }
}
