import { describe, expect, it } from 'vitest';
import { includeLeadingComments, splitByTokens, trimBlankLines, uncoveredRanges } from './line-ranges.js';

describe('splitByTokens', () => {
  const ten = (): number => 10;
  const flat = (): number => 0;

  it('keeps a range that fits whole, and fills each piece up to the budget when every cut costs the same', () => {
    expect(splitByTokens({ start: 5, end: 9 }, 50, ten, flat)).toEqual([{ start: 5, end: 9 }]);
    expect(splitByTokens({ start: 1, end: 12 }, 50, ten, flat)).toEqual([
      { start: 1, end: 5 },
      { start: 6, end: 10 },
      { start: 11, end: 12 },
    ]);
  });

  it('cuts at the cheapest line that leaves the piece at least half full', () => {
    // Line 4 is a cheap boundary but would leave a piece of 30 of 100 tokens; line 7 is the cheapest after half.
    const cost = (line: number): number => (line === 4 ? 0 : line === 7 ? 1 : 5);
    expect(splitByTokens({ start: 1, end: 20 }, 100, ten, cost)[0]).toEqual({ start: 1, end: 6 });
  });

  it('puts a line over the budget in a piece of its own', () => {
    const tokens = (line: number): number => (line === 3 ? 500 : 10);
    expect(splitByTokens({ start: 1, end: 5 }, 100, tokens, flat)).toEqual([
      { start: 1, end: 2 },
      { start: 3, end: 3 },
      { start: 4, end: 5 },
    ]);
  });
});

describe('trimBlankLines', () => {
  it('drops blank lines at both ends, and a range of blank lines altogether', () => {
    const lines = ['', 'a', '', 'b', '  ', ''];
    expect(trimBlankLines(lines, { start: 1, end: 6 })).toEqual({ start: 2, end: 4 });
    expect(trimBlankLines(lines, { start: 5, end: 6 })).toBeNull();
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
