import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent } from './format.js';

describe('formatDuration', () => {
  it('shows tenths of a second for quick stages, whole units for long ones', () => {
    expect(formatDuration(0)).toBe('0.0s');
    expect(formatDuration(363)).toBe('0.4s');
    expect(formatDuration(7_994)).toBe('8.0s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
});

describe('formatPercent', () => {
  it('clamps to 0–100%', () => {
    expect(formatPercent(0.771)).toBe('77%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-1)).toBe('0%');
  });
});
