import type { SyntaxNode } from '../code-parser.js';
import { RUST_IMPORT_QUERY, RUST_TAGS_QUERY } from '../queries/rust.js';
import type { ImportRecord, TagsLanguage } from './tags-language.js';

/** Bare `pub` only: `pub(crate)` and `pub(super)` stay inside the crate. */
const PUB = /(?:^|\s)pub\s/;

/**
 * `use` paths as written (`crate::a::b`, `super::x`, `std::io`); a list `use std::io::{self, Read}` is
 * one import of `std::io` taking `self` and `Read`. `mod foo;` is `self::foo`. Exported means `pub`;
 * trait items follow their trait, and the functions of `impl Trait for T` are public with it.
 */
export const RUST: TagsLanguage = {
  query: RUST_TAGS_QUERY,
  deepImports: { query: RUST_IMPORT_QUERY, lines: /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?(?:use|mod)[ \t]/gm },
  comments: { types: new Set(['line_comment', 'block_comment']), starts: /\/[/*]/g, lineComment: /\/\//y },
  docs: { skipLine: /^\s*#\[/ },
  exported({ header, parent }) {
    if (parent?.kind === 'trait') return parent.exported;
    if (parent?.kind === 'impl' && parent.traitImpl) return true;
    return PUB.test(header);
  },
  importsOf(match) {
    const source = match.captures.get('source');
    if (source === undefined) return [];
    if (match.role === 'import.mod') return [{ source: `self::${source.text}`, names: [] }];
    return useRecords(source);
  },
};

/** The imports one `use` argument stands for. */
function useRecords(argument: SyntaxNode): ImportRecord[] {
  switch (argument.type) {
    case 'scoped_use_list': {
      const path = argument.childForFieldName('path');
      const list = argument.childForFieldName('list');
      const names = list === null ? [] : useListNames(list);
      return path === null ? names.map((name) => ({ source: name, names: [] })) : [{ source: compact(path.text), names }];
    }
    case 'use_list':
      return argument.namedChildren.flatMap((item) => useRecords(item));
    case 'use_as_clause': {
      const path = argument.childForFieldName('path');
      return path === null ? [] : [{ source: compact(path.text), names: [lastSegment(path.text)] }];
    }
    case 'use_wildcard':
      return [{ source: compact(argument.text).replace(/::\*$/, ''), names: ['*'] }];
    default:
      return [{ source: compact(argument.text), names: [lastSegment(argument.text)] }];
  }
}

/** What a `{…}` list takes, nested lists flattened to paths relative to it (`b::c`). */
function useListNames(list: SyntaxNode): string[] {
  const names: string[] = [];
  for (const item of list.namedChildren) {
    if (item.type === 'use_as_clause') {
      const path = item.childForFieldName('path');
      if (path !== null) names.push(compact(path.text));
    } else if (item.type === 'scoped_use_list') {
      const path = item.childForFieldName('path');
      const inner = item.childForFieldName('list');
      const prefix = path === null ? '' : `${compact(path.text)}::`;
      if (inner !== null) for (const name of useListNames(inner)) names.push(`${prefix}${name}`);
    } else if (item.type === 'use_wildcard') {
      names.push(compact(item.text));
    } else if (item.type !== 'line_comment' && item.type !== 'block_comment') {
      names.push(compact(item.text));
    }
  }
  return names;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

function lastSegment(path: string): string {
  const segments = compact(path).split('::');
  return segments.at(-1) ?? path;
}
