import { GO_TAGS_QUERY } from '../queries/go.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

/** Imports are the import path; a name is exported when it starts with an upper-case letter. */
export const GO: TagsLanguage = {
  query: GO_TAGS_QUERY,
  comments: { types: new Set(['comment']), starts: /\/[/*]/g, lineComment: /\/\//y },
  exported: ({ name }) => /^\p{Lu}/u.test(name),
  importsOf(match) {
    const path = captureText(match, 'source');
    if (path === undefined) return [];
    const alias = captureText(match, 'alias');
    return [{ source: path.slice(1, -1), names: alias === undefined ? [] : [alias] }];
  },
};
