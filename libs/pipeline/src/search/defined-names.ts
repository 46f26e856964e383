/**
 * Names a chunk of code defines, read from its text. The parsers name top-level declarations, classes
 * and methods; this also catches what they leave unnamed: `Reply.prototype.send = function`,
 * `module.exports.destination = (…) =>`, object-literal methods and nested functions. Qualified forms are
 * kept as well (`Reply.send` for a prototype method), so `reply.send` finds it.
 */
const IDENT = String.raw`[A-Za-z_$][\w$]*`;

/** Each pattern with a substring every match contains, tested first: most chunks skip most patterns. */
const DEFINITIONS: ReadonlyArray<{ readonly needs: readonly string[]; readonly pattern: RegExp }> = [
  // Owner.prototype.name = …
  { needs: ['.prototype.'], pattern: new RegExp(String.raw`\b(${IDENT})\.prototype\.(${IDENT})\s*=(?!=)`, 'g') },
  // owner.name = function / async function / (…) => / x =>
  {
    needs: ['function', '=>'],
    pattern: new RegExp(String.raw`(?:^|[\s;])((?:${IDENT}\.)*${IDENT})\.(${IDENT})\s*=\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>|${IDENT}\s*=>)`, 'g'),
  },
  // function name / function* name / def name / fn name / func name / func (r *T) name
  { needs: ['function', 'def', 'fn', 'func'], pattern: new RegExp(String.raw`\b(?:function\s*\*?|def|fn|func(?:\s*\([^)]*\))?)\s+(${IDENT})\s*[(<]`, 'g') },
  // const name = function / (…) => / x => / async …
  {
    needs: ['function', '=>'],
    pattern: new RegExp(String.raw`\b(?:const|let|var)\s+(${IDENT})\s*=\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>|${IDENT}\s*=>)`, 'g'),
  },
  // name: function inside an object literal (not `name: (…) =>`: mostly options and callbacks passed along)
  { needs: ['function'], pattern: new RegExp(String.raw`(?:^|[{,]\s*)(${IDENT})\s*:\s*(?:async\s+)?function\b`, 'gm') },
];

/** Shorthand methods (`name (args) {`) look like calls and control flow; these words are never such names. */
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'new', 'else', 'do', 'try', 'with']);
const SHORTHAND_METHOD = new RegExp(String.raw`^\s*(?:static\s+|async\s+|get\s+|set\s+)*(${IDENT})\s*\([^()]*\)\s*\{\s*$`, 'gm');

/** Lowercased names defined in the text, with `owner.name` for members. */
export function definedNames(text: string): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name !== undefined && name.length > 1 && !NOT_NAMES.has(name)) names.add(name.toLowerCase());
  };
  for (const { needs, pattern } of DEFINITIONS) {
    if (!needs.some((part) => text.includes(part))) continue;
    for (const match of text.matchAll(pattern)) {
      if (match[2] === undefined) {
        add(match[1]);
        continue;
      }
      const owner = match[1]!.split('.').filter((part) => part !== 'prototype').at(-1) ?? '';
      add(match[2]);
      // `module.exports.x` and `exports.x` are not owners a reader would name.
      if (owner !== '' && owner !== 'exports' && owner !== 'module' && owner !== 'this') add(`${owner}.${match[2]}`);
    }
  }
  if (text.includes(') {') || text.includes('){')) for (const match of text.matchAll(SHORTHAND_METHOD)) add(match[1]);
  return names;
}
