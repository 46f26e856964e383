import { describe, expect, it } from 'vitest';
import { includeLeadingComments, splitRange, uncoveredRanges } from './line-ranges.js';

describe('splitRange', () => {
  it('keeps a short range whole and splits a long one into overlapping windows that cover it', () => {
    expect(splitRange({ start: 5, end: 20 }, 120, 10)).toEqual([{ start: 5, end: 20 }]);
    expect(splitRange({ start: 1, end: 250 }, 120, 10)).toEqual([
      { start: 1, end: 120 },
      { start: 111, end: 230 },
      { start: 221, end: 250 },
    ]);
  });
});

describe('includeLeadingComments', () => {
  const lines = ['const a = 1;', '', '/**', ' * Does things.', ' */', '@Injectable()', 'export class Service {}'];

  it('moves up over a doc comment and decorators, stopping at a blank line', () => {
    expect(includeLeadingComments(lines, 7, 0)).toBe(3);
  });

  it('never moves to or above the floor', () => {
    expect(includeLeadingComments(lines, 7, 4)).toBe(5);
  });
});

describe('uncoveredRanges', () => {
  it('returns stretches outside the ranges with enough content, trimmed of trailing blank lines', () => {
    const lines = ['import a;', 'import b;', 'const c = 1;', '', 'function f() {', '}', '', 'g();', '', ''];
    expect(uncoveredRanges(lines, [{ start: 5, end: 6 }], 3)).toEqual([{ start: 1, end: 3 }]);
    expect(uncoveredRanges(lines, [{ start: 5, end: 6 }], 1)).toEqual([
      { start: 1, end: 3 },
      { start: 8, end: 8 },
    ]);
  });
});
