import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from './progress-throttle.js';

describe('ProgressThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets the first update through and at most one per interval after it, ending on the newest', () => {
    const emitted: number[] = [];
    const throttle = new ProgressThrottle<number>(100, (value) => emitted.push(value), () => Date.now());
    for (let i = 1; i <= 50; i += 1) {
      throttle.push(i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    // 50 updates over 500 ms at one per 100 ms: the first, then about one per interval, then the trailing newest.
    expect(emitted[0]).toBe(1);
    expect(emitted.length).toBeLessThanOrEqual(7);
    expect(emitted.at(-1)).toBe(50);
    expect([...emitted].sort((a, b) => a - b)).toEqual(emitted);
  });

  it('drops a held-back update when a milestone supersedes it', () => {
    const emitted: number[] = [];
    const throttle = new ProgressThrottle<number>(100, (value) => emitted.push(value), () => Date.now());
    throttle.push(1);
    throttle.push(2);
    throttle.discard();
    vi.advanceTimersByTime(500);
    expect(emitted).toEqual([1]);
  });

  it('flushes a held-back update on demand', () => {
    const emitted: number[] = [];
    const throttle = new ProgressThrottle<number>(100, (value) => emitted.push(value), () => Date.now());
    throttle.push(1);
    throttle.push(2);
    throttle.flush();
    expect(emitted).toEqual([1, 2]);
  });
});
