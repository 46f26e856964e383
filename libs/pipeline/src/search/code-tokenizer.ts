import { identifierTokens } from '../embedding/split-identifiers.js';

// Words so common in prose that they only add noise to a lexical match. Code keywords are left to BM25's
// inverse document frequency, since a query may really be about `return` or `async`.
const STOPWORDS = new Set(
  (
    'a an and are as at be but by can could do does did for from had has have how i if in into is it its me my ' +
    'of on or our should so that the their then there these this those to was were what when where which who ' +
    'why will with would you your'
  ).split(' '),
);

/** Lexical terms of code or prose: identifiers split into words, lowercased, 1-character terms and stopwords dropped. */
export function lexicalTokens(text: string): string[] {
  return identifierTokens(text).filter((token) => token.length > 1 && !STOPWORDS.has(token));
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
