import { PYTHON_IMPORT_QUERY, PYTHON_TAGS_QUERY } from '../queries/python.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

/**
 * Imports keep Python's spelling: `pkg.mod` for absolute modules and leading dots for relative ones
 * (`.mod`, `..pkg`, `.` for `from . import x`); names are what `from … import` takes (`*` for all).
 */
export const PYTHON: TagsLanguage = {
  query: PYTHON_TAGS_QUERY,
  deepImports: { query: PYTHON_IMPORT_QUERY, lines: /^[ \t]*(?:import|from)[ \t]/gm },
  comments: { types: new Set(['comment']), starts: /#/g, lineComment: /#/y },
  // By convention a leading underscore marks a module's or class's private names.
  exported: ({ name }) => !name.startsWith('_'),
  importsOf(match) {
    const source = match.role === 'import.future' ? '__future__' : captureText(match, 'source')?.replace(/\s+/g, '');
    if (source === undefined) return [];
    const imported = captureText(match, 'member');
    const names = match.captures.has('wildcard') ? ['*'] : imported === undefined ? [] : [imported];
    return [{ source, names }];
  },
};
