import { JAVA_TAGS_QUERY } from '../queries/java.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

const PUBLIC = /(?:^|\s)public\s/;
const PRIVATE = /(?:^|\s)private\s/;

/**
 * Imports are the imported name (`com.x.Y`, `com.x.*`, a static import's `com.x.Y.member`). Exported
 * means `public`, which members of an interface are unless private.
 */
export const JAVA: TagsLanguage = {
  query: JAVA_TAGS_QUERY,
  comments: { types: new Set(['line_comment', 'block_comment']), starts: /\/[/*]/g, lineComment: /\/\//y },
  exported: ({ header, parent }) => {
    // A member is reachable only through its type: a public method of a package-private class is not.
    if (parent?.kind === 'interface') return parent.exported && !PRIVATE.test(header);
    return PUBLIC.test(header) && (parent === undefined || parent.exported);
  },
  importsOf(match) {
    const name = captureText(match, 'source');
    if (name === undefined) return [];
    if (match.captures.has('wildcard')) return [{ source: `${name}.*`, names: ['*'] }];
    return [{ source: name, names: [name.slice(name.lastIndexOf('.') + 1)] }];
  },
};
