import { describe, expect, it } from 'vitest';
import { parseJsonc } from './jsonc.js';

describe('parseJsonc', () => {
  it('reads tsconfig-style JSON with line and block comments and trailing commas', () => {
    const text = `\uFEFF{
      // compiler options
      "compilerOptions": {
        "baseUrl": "./src", /* relative to this file */
        "paths": { "@/*": ["./*",], },
      },
    }`;
    expect(parseJsonc(text)).toEqual({ compilerOptions: { baseUrl: './src', paths: { '@/*': ['./*'] } } });
  });

  it('leaves comment markers and commas inside strings alone', () => {
    const text = '{ "url": "https://example.com/a,}", "glob": "src/**/*.ts", "quote": "say \\"hi\\" // not a comment", }';
    expect(parseJsonc(text)).toEqual({ url: 'https://example.com/a,}', glob: 'src/**/*.ts', quote: 'say "hi" // not a comment' });
  });

  it('gives null for text that is not JSON even with comments allowed', () => {
    expect(parseJsonc('{ "a": ')).toBeNull();
    expect(parseJsonc('')).toBeNull();
  });
});
