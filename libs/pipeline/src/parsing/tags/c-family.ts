import { C_INCLUDE_QUERY, C_TAGS_QUERY } from '../queries/c.js';
import { CPP_TAGS_QUERY } from '../queries/cpp.js';
import type { ExportFacts, ImportMatch, ImportRecord, TagsLanguage } from './tags-language.js';

const STATIC = /(?:^|\s)static\s/;

/** Top-level declarations are visible to other files unless `static`; members go with their type. */
function exported({ header, parent }: ExportFacts): boolean {
  if (parent !== undefined && parent.kind !== 'module') return parent.exported;
  return !STATIC.test(header);
}

/** `#include "util/x.h"` is `util/x.h`; `#include <stdio.h>` keeps its brackets: `<stdio.h>`. */
function includesOf(match: ImportMatch): ImportRecord[] {
  const path = match.captures.get('source');
  if (path === undefined) return [];
  const text = path.text;
  if (path.type === 'system_lib_string') return [{ source: text, names: [] }];
  // A macro (`#include FOO_H`) names no file.
  if (path.type !== 'string_literal') return [];
  return [{ source: text.slice(1, -1), names: [] }];
}

const C_FAMILY = {
  deepImports: { query: C_INCLUDE_QUERY, lines: /^[ \t]*#[ \t]*include\b/gm },
  comments: { types: new Set(['comment']), starts: /\/[/*]/g, lineComment: /\/\//y },
  exported,
  importsOf: includesOf,
} as const;

export const C: TagsLanguage = { ...C_FAMILY, query: C_TAGS_QUERY };

export const CPP: TagsLanguage = { ...C_FAMILY, query: CPP_TAGS_QUERY };
