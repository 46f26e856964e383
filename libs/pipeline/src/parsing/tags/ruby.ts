import { RUBY_REQUIRE_QUERY, RUBY_TAGS_QUERY } from '../queries/ruby.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

/** `require 'x'` is `x`; `require_relative 'x'` is `./x` (paths starting with `.` or `/` kept). */
export const RUBY: TagsLanguage = {
  query: RUBY_TAGS_QUERY,
  deepImports: { query: RUBY_REQUIRE_QUERY, lines: /\brequire(?:_relative)?\b/g },
  comments: { types: new Set(['comment']), starts: /#|^=begin/gm, lineComment: /#/y },
  moduleFunctionsAreMethods: true,
  // Ruby has no export syntax: every class, module and method can be reached from outside.
  exported: () => true,
  importsOf(match) {
    const path = captureText(match, 'source');
    if (path === undefined) return [];
    if (captureText(match, 'callee') !== 'require_relative') return [{ source: path, names: [] }];
    return [{ source: path.startsWith('.') || path.startsWith('/') ? path : `./${path}`, names: [] }];
  },
};
