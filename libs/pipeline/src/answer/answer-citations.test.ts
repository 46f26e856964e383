import type { SearchHit } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { citationsOfAnswer } from './answer-citations.js';

const hit = (path: string, startLine: number, endLine: number): SearchHit => ({ path, startLine, endLine, score: 1, snippet: '' });
const passages = [hit('src/retry.ts', 4, 18), hit('src/http-client.ts', 1, 12), hit('README.md', 1, 8)];

describe('citationsOfAnswer', () => {
  it('cites the passages the answer refers to, in the order it refers to them, once each', () => {
    const answer = 'The client (`src/http-client.ts:6-10`) wraps calls in `src/retry.ts:9-18`; see src/retry.ts:9-18 again.';
    expect(citationsOfAnswer(answer, passages)).toEqual([
      { path: 'src/http-client.ts', startLine: 6, endLine: 10 },
      { path: 'src/retry.ts', startLine: 9, endLine: 18 },
    ]);
  });

  it('accepts a single line and clips a range to the passage it overlaps', () => {
    expect(citationsOfAnswer('At src/retry.ts:5 and src/http-client.ts:10-40.', passages)).toEqual([
      { path: 'src/retry.ts', startLine: 5, endLine: 5 },
      { path: 'src/http-client.ts', startLine: 10, endLine: 12 },
    ]);
  });

  it('never cites what the model was not shown: other files, or lines outside its passages', () => {
    const answer = 'See `src/secret.ts:1-5` and `src/retry.ts:100-120` and `README.md:2-3`.';
    expect(citationsOfAnswer(answer, passages)).toEqual([{ path: 'README.md', startLine: 2, endLine: 3 }]);
  });

  it('falls back to the passages it was given when the answer names none', () => {
    expect(citationsOfAnswer('Retries back off exponentially.', passages)).toEqual(
      passages.map(({ path, startLine, endLine }) => ({ path, startLine, endLine })),
    );
  });
});
