import { expandReferences } from './manifest.js';

/**
 * A lexer for Gradle build scripts, Groovy and Kotlin DSL alike, and the few structures dependency reading
 * needs: named blocks (`dependencies { }`), statements, call arguments and string templates.
 *
 * Why not gradle-to-js: it drops the line after any call written with parentheses and no space
 * (`implementation("a:b:1")`, the usual form in current Groovy scripts), keeps only the first of
 * `implementation 'a:b:1', 'c:d:2'` and returns nothing for Kotlin DSL scripts. The two DSLs share what
 * matters here (strings, comments, calls with and without parentheses, closures), so one lexer serves both.
 */

export type TokenKind = 'identifier' | 'string' | 'number' | 'punctuation' | 'newline';

export interface Token {
  readonly kind: TokenKind;
  /** The identifier or punctuation as written, or a string's contents without its quotes. */
  readonly text: string;
}

export function tokenizeGradle(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const length = source.length;
  while (index < length) {
    const char = source.charAt(index);
    if (char === '\n') {
      tokens.push({ kind: 'newline', text: '\n' });
      index += 1;
    } else if (/\s/.test(char)) index += 1;
    else if (source.startsWith('//', index)) index = lineEnd(source, index);
    else if (source.startsWith('/*', index)) index = blockCommentEnd(source, index);
    else if (source.startsWith('"""', index) || source.startsWith("'''", index)) {
      const quote = source.slice(index, index + 3);
      const end = source.indexOf(quote, index + 3);
      const close = end === -1 ? length : end;
      tokens.push({ kind: 'string', text: source.slice(index + 3, close) });
      index = close + 3;
    } else if (char === '"' || char === "'") {
      const end = stringEnd(source, index);
      tokens.push({ kind: 'string', text: unescape(source.slice(index + 1, end)) });
      // An unterminated string ends at its line, whose end still separates statements.
      index = source.charAt(end) === '\n' ? end : end + 1;
    } else if (char === '`') {
      const end = source.indexOf('`', index + 1);
      const close = end === -1 ? length : end;
      tokens.push({ kind: 'identifier', text: source.slice(index + 1, close) });
      index = close + 1;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(index, index + 256));
      const text = match?.[0] ?? char;
      tokens.push({ kind: 'identifier', text });
      index += text.length;
    } else if (/[0-9]/.test(char)) {
      const text = /^[0-9][\w.]*/.exec(source.slice(index, index + 256))?.[0] ?? char;
      tokens.push({ kind: 'number', text });
      index += text.length;
    } else {
      tokens.push({ kind: 'punctuation', text: char });
      index += 1;
    }
  }
  return tokens;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end === -1 ? source.length : end;
}

/** Past the end of a block comment; Kotlin's nest, Groovy's do not, and nesting is harmless for Groovy's. */
function blockCommentEnd(source: string, from: number): number {
  let depth = 0;
  for (let index = from; index < source.length - 1; index += 1) {
    if (source.startsWith('/*', index)) {
      depth += 1;
      index += 1;
    } else if (source.startsWith('*/', index)) {
      depth -= 1;
      index += 1;
      if (depth === 0) return index + 1;
    }
  }
  return source.length;
}

/** The index of the quote closing the string that opens at `from`, skipping escapes and `${ ... }` templates. */
function stringEnd(source: string, from: number): number {
  const quote = source.charAt(from);
  let templateDepth = 0;
  for (let index = from + 1; index < source.length; index += 1) {
    const char = source.charAt(index);
    if (char === '\\') index += 1;
    else if (char === '\n' && templateDepth === 0) return index;
    else if (quote === '"' && char === '$' && source.charAt(index + 1) === '{') {
      templateDepth += 1;
      index += 1;
    } else if (templateDepth > 0 && char === '}') templateDepth -= 1;
    else if (char === quote && templateDepth === 0) return index;
  }
  return source.length;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_escape, char: string) => ({ n: '\n', t: '\t', r: '\r' })[char] ?? char);
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The index just past the bracket that closes the one at `open`. */
export function closingIndex(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind !== 'punctuation') continue;
    if (OPENERS[token.text] !== undefined) depth += 1;
    else if (token.text === ')' || token.text === ']' || token.text === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return tokens.length;
}

function nextSignificant(tokens: readonly Token[], from: number): number {
  let index = from;
  while (tokens[index]?.kind === 'newline') index += 1;
  return index;
}

/** The contents of every `name { ... }` block, nested ones included, as token ranges. */
export function namedBlocks(tokens: readonly Token[], name: string): Array<readonly Token[]> {
  const blocks: Array<readonly Token[]> = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind !== 'identifier' || token.text !== name || tokens[index - 1]?.text === '.') continue;
    const open = nextSignificant(tokens, index + 1);
    if (tokens[open]?.text !== '{') continue;
    const close = closingIndex(tokens, open);
    blocks.push(tokens.slice(open + 1, close - 1));
    index = close - 1;
  }
  return blocks;
}

/**
 * Top-level statements of a block or script: split at line ends and `;` outside brackets, a line ending
 * in `,` or an operator continuing on the next.
 */
export function statements(tokens: readonly Token[]): Array<readonly Token[]> {
  const out: Array<readonly Token[]> = [];
  let current: Token[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'punctuation' && OPENERS[token.text] !== undefined) {
      const close = closingIndex(tokens, index);
      current.push(...tokens.slice(index, close));
      index = close - 1;
      continue;
    }
    const last = current[current.length - 1];
    // `a,` / `a =` go on below; so does a line starting with `.`, as in Kotlin's `id("x")\n    .version("1")`.
    const continues =
      (last !== undefined && last.kind === 'punctuation' && /^[,.=+:?]$/.test(last.text)) || tokens[nextSignificant(tokens, index)]?.text === '.';
    if ((token.kind === 'newline' && !continues) || token.text === ';') {
      if (current.length > 0) out.push(current);
      current = [];
    } else if (token.kind !== 'newline') current.push(token);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Arguments of a call, split at top-level commas. */
export function splitArguments(tokens: readonly Token[]): Array<readonly Token[]> {
  const args: Token[][] = [[]];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'punctuation' && OPENERS[token.text] !== undefined) {
      const close = closingIndex(tokens, index);
      args[args.length - 1]?.push(...tokens.slice(index, close));
      index = close - 1;
    } else if (token.kind === 'punctuation' && token.text === ',') args.push([]);
    else if (token.kind !== 'newline') args[args.length - 1]?.push(token);
  }
  return args.filter((arg) => arg.length > 0);
}

/** `a.b.c` when the tokens are exactly a dotted chain of identifiers, else null. */
export function dottedName(tokens: readonly Token[]): string | null {
  if (tokens.length % 2 === 0) return null;
  for (const [index, token] of tokens.entries()) {
    if (index % 2 === 0 ? token.kind !== 'identifier' : token.text !== '.') return null;
  }
  return tokens.map((token) => token.text).join('');
}

/** `$name`, `${name}` and `${a.b}` replaced from the properties; unknown references stay as written. */
export function interpolate(text: string, properties: ReadonlyMap<string, string>): string {
  return expandReferences(
    text,
    /\$\{\s*([\w.]+)\s*\}|\$([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)/g,
    (name) => properties.get(name) ?? properties.get(name.replace(/^(project\.|rootProject\.)?(ext\.|extra\.)?/, '')),
  );
}
