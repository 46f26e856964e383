import { CSHARP_TAGS_QUERY } from '../queries/csharp.js';
import type { TagsLanguage } from './tags-language.js';
import { captureText } from './tags-language.js';

const PUBLIC = /(?:^|\s)public\s/;
const PRIVATE = /(?:^|\s)private\s/;

/** Usings are the namespace (`System.IO`); exported means `public` (implied for interface members) within an exported type. */
export const CSHARP: TagsLanguage = {
  query: CSHARP_TAGS_QUERY,
  comments: { types: new Set(['comment']), starts: /\/[/*]/g, lineComment: /\/\//y },
  docs: { stripXml: true },
  exported: ({ kind, header, parent }) => {
    if (kind === 'module') return true;
    // A member is reachable only through its type: a public method of an internal class is not.
    if (parent?.kind === 'interface') return parent.exported && !PRIVATE.test(header);
    return PUBLIC.test(header) && (parent === undefined || parent.kind === 'module' || parent.exported);
  },
  importsOf(match) {
    const namespace = captureText(match, 'source');
    return namespace === undefined ? [] : [{ source: namespace.replace(/\s+/g, ''), names: [] }];
  },
};
