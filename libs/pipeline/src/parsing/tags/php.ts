import { PHP_INCLUDE_QUERY, PHP_TAGS_QUERY } from '../queries/php.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

const NOT_PUBLIC = /(?:^|\s)(?:private|protected)\s/;

/**
 * `use A\B` is `A\B` (a group `use A\{B, C}` gives `A\B` and `A\C`); `require`/`include` of a string
 * literal is the literal, and of `__DIR__ . '/x.php'` is `./x.php`. Methods are public unless marked
 * private or protected; functions and types have no visibility.
 */
export const PHP: TagsLanguage = {
  query: PHP_TAGS_QUERY,
  deepImports: { query: PHP_INCLUDE_QUERY, lines: /\b(?:require|include)(?:_once)?\b/g },
  comments: { types: new Set(['comment']), starts: /\/[/*]|#(?!\[)/g, lineComment: /\/\/|#(?!\[)/y },
  exported: ({ kind, header }) => kind !== 'method' || !NOT_PUBLIC.test(header),
  importsOf(match) {
    const written = captureText(match, 'source');
    if (written === undefined) return [];
    if (match.role === 'import.include') return [{ source: written, names: [] }];
    if (match.role === 'import.relative') return [{ source: `./${written.replace(/^\.?\//, '')}`, names: [] }];
    const prefix = captureText(match, 'prefix');
    const name = (prefix === undefined ? written : `${prefix}\\${written}`).replace(/^\\/, '').replace(/\s+/g, '');
    return [{ source: name, names: [name.slice(name.lastIndexOf('\\') + 1)] }];
  },
};

