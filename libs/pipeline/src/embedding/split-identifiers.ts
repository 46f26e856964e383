// The MiniLM tokenizer lowercases, so `computeRetryDelay` would become the meaningless word pieces of
// `computeretrydelay`. Splitting identifiers into their words first lets both the embedding model and
// the lexical index see `compute retry delay`.

/** A code term: identifiers, numbers, and dotted, slashed or dashed compounds such as paths. */
const TERM_PATTERN = /[\p{L}\p{N}_$]+(?:[./\-][\p{L}\p{N}_$]+)*/gu;

/** Camel-case words, acronyms (kept whole before a capitalised word), trailing digits, numbers. */
const WORD_PATTERN = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+\p{N}*|\p{Lu}+\p{N}*|\p{N}+|[\p{L}\p{M}]+/gu;

/** Compounds longer than this (hashes, base64, minified names) are kept only as their parts. */
const MAX_COMPOUND_LENGTH = 64;

/** Splits one identifier or path into its words, keeping their case: `parseHTTPResponse` → parse, HTTP, Response. */
export function splitIdentifier(identifier: string): string[] {
  const words: string[] = [];
  for (const part of identifier.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (part === '') continue;
    for (const match of part.matchAll(WORD_PATTERN)) words.push(match[0]);
  }
  return words;
}

/** The code terms of a text, as written (identifiers, numbers, paths). */
export function codeTerms(text: string): string[] {
  return Array.from(text.matchAll(TERM_PATTERN), (match) => match[0]);
}

/**
 * Lowercased search tokens of a text: each compound whole (so an exact identifier or path still
 * matches), the slash-separated segments of a path, and every word of it.
 */
export function identifierTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const term of codeTerms(text)) {
    let termTokens = termTokenCache.get(term);
    if (termTokens === undefined) {
      termTokens = tokensOfTerm(term);
      if (termTokenCache.size >= EXPANSION_CACHE_LIMIT) termTokenCache.clear();
      termTokenCache.set(term, termTokens);
    }
    for (const token of termTokens) tokens.push(token);
  }
  return tokens;
}

/** Tokens of each term, remembered: indexing a repository meets the same identifiers over and over. */
const termTokenCache = new Map<string, readonly string[]>();

function tokensOfTerm(term: string): string[] {
  const tokens: string[] = [];
  const words = splitIdentifier(term);
  const isCompound = words.length > 1;
  if (isCompound && term.length <= MAX_COMPOUND_LENGTH) tokens.push(term.toLowerCase());
  if (isCompound && term.includes('/')) {
    for (const segment of term.split('/')) {
      if (splitIdentifier(segment).length > 1 && segment.length <= MAX_COMPOUND_LENGTH) tokens.push(segment.toLowerCase());
    }
  }
  for (const word of words) tokens.push(word.toLowerCase());
  return tokens;
}

/** Terms whose expansion is remembered: code repeats its identifiers, and splitting dominates embedding. */
const EXPANSION_CACHE_LIMIT = 100_000;
const expansions = new Map<string, string>();

/**
 * Text for an embedding model: every compound identifier is followed by its words, the original
 * kept, e.g. `computeRetryDelay(n)` → `computeRetryDelay compute retry delay(n)`.
 */
export function expandIdentifiers(text: string): string {
  return text.replace(TERM_PATTERN, expandTerm);
}

function expandTerm(term: string): string {
  let expanded = expansions.get(term);
  if (expanded === undefined) {
    const words = splitIdentifier(term);
    expanded = words.length < 2 ? term : `${term} ${words.join(' ').toLowerCase()}`;
    if (expansions.size >= EXPANSION_CACHE_LIMIT) expansions.clear();
    expansions.set(term, expanded);
  }
  return expanded;
}
