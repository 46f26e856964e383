import { describe, expect, it } from 'vitest';
import { codeTerms, expandIdentifiers, identifierTokens, splitIdentifier } from './split-identifiers.js';

describe('splitIdentifier', () => {
  it.each([
    ['computeRetryDelay', ['compute', 'Retry', 'Delay']],
    ['RetryPolicy', ['Retry', 'Policy']],
    ['parseHTTPResponse', ['parse', 'HTTP', 'Response']],
    ['MAX_RETRY_COUNT', ['MAX', 'RETRY', 'COUNT']],
    ['load_config_file', ['load', 'config', 'file']],
    ['my-component', ['my', 'component']],
    ['src/utils/retry-policy.ts', ['src', 'utils', 'retry', 'policy', 'ts']],
    ['base64Encode', ['base64', 'Encode']],
    ['getID', ['get', 'ID']],
    ['$scope', ['scope']],
    ['x', ['x']],
    ['404', ['404']],
  ])('%s → %j', (identifier, words) => {
    expect(splitIdentifier(identifier)).toEqual(words);
  });
});

describe('codeTerms', () => {
  it('keeps paths and dotted names whole and leaves punctuation out', () => {
    expect(codeTerms('see src/a.ts, then call retry.computeDelay(3) -- done.')).toEqual([
      'see',
      'src/a.ts',
      'then',
      'call',
      'retry.computeDelay',
      '3',
      'done',
    ]);
  });
});

describe('identifierTokens', () => {
  it('lowercases, keeps each compound whole and adds its words', () => {
    expect(identifierTokens('export function computeRetryDelay(attempt)')).toEqual([
      'export',
      'function',
      'computeretrydelay',
      'compute',
      'retry',
      'delay',
      'attempt',
    ]);
  });

  it('adds the file name of a path so `retry.ts` matches `src/lib/retry.ts`', () => {
    expect(identifierTokens('src/lib/retry.ts')).toEqual(['src/lib/retry.ts', 'retry.ts', 'src', 'lib', 'retry', 'ts']);
  });

  it('keeps very long compounds only as their words', () => {
    const long = `${'a'.repeat(40)}_${'b'.repeat(40)}`;
    expect(identifierTokens(long)).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
  });
});

describe('expandIdentifiers', () => {
  it('follows each compound identifier with its words and leaves plain words alone', () => {
    expect(expandIdentifiers('const delay = computeRetryDelay(attempt);')).toBe(
      'const delay = computeRetryDelay compute retry delay(attempt);',
    );
    expect(expandIdentifiers('read MAX_RETRY_COUNT from src/config.ts')).toBe(
      'read MAX_RETRY_COUNT max retry count from src/config.ts src config ts',
    );
  });
});
