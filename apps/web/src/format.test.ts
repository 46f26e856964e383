import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatBytes, formatDuration, formatPercent, formatRemaining } from './format.js';

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

describe('estimateRemainingMs', () => {
  it('projects the pace so far onto what is left', () => {
    expect(estimateRemainingMs(0.25, 10_000)).toBe(30_000);
    expect(estimateRemainingMs(0.5, 4_000)).toBe(4_000);
  });

  it('says nothing while the pace is unknown or once the work is done', () => {
    expect(estimateRemainingMs(0.01, 10_000)).toBeNull();
    expect(estimateRemainingMs(0.5, 500)).toBeNull();
    expect(estimateRemainingMs(1, 10_000)).toBeNull();
    expect(estimateRemainingMs(0.5, null)).toBeNull();
  });
});

describe('formatRemaining and formatBytes', () => {
  it('rounds the time left up to steady figures', () => {
    expect(formatRemaining(3_000)).toBe('a few seconds left');
    expect(formatRemaining(31_000)).toBe('about 35s left');
    expect(formatRemaining(125_000)).toBe('about 3m 00s left');
  });

  it('shows sizes in the unit that reads best', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
