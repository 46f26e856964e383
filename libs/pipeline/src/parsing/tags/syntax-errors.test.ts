import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import type { CodeLanguage } from '../languages.js';

const parser = new CodeParser();

describe('syntax errors outside TypeScript', () => {
  const broken: Array<[CodeLanguage, string, string]> = [
    ['python', 'def ok():\n    return 1\n\ndef broken(:\n    pass\n', 'ok'],
    ['go', 'package p\n\nfunc Ok() {}\n\nfunc Broken( {\n', 'Ok'],
    ['rust', 'pub fn ok() {}\n\nfn broken( -> {\n', 'ok'],
    ['java', 'class A { void ok() {} void broken( { }\n', 'ok'],
  ];

  it.each(broken)('records the error in %s instead of throwing, keeping what parsed', (language, source, survivor) => {
    const result = analyzeSource(parser, language, source);
    expect(result.error).toMatch(/^syntax errors? at lines? \d/);
    expect(result.symbols.map((s) => s.name)).toContain(survivor);
  });

  it('survives input that is not code at all', () => {
    const noise = Buffer.from(Array.from({ length: 4_000 }, (_, index) => (index * 7919) % 251 + 1)).toString('latin1');
    for (const language of ['c', 'cpp', 'csharp', 'ruby', 'php'] as const) {
      const result = analyzeSource(parser, language, noise);
      expect(result.lines).toBeGreaterThan(0);
      expect(result.lineStats.code + result.lineStats.comment + result.lineStats.blank).toBe(result.lines);
    }
  });
});
