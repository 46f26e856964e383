import type { RunArtefactFacts } from '@repolens/db';
import { describe, expect, it } from 'vitest';
import { selectRemovals, type RetentionRules } from './retention-policy.js';

const NOW = new Date('2025-06-30T12:00:00Z');
const REPOSITORY = '00000000-0000-4000-8000-000000000001';
const KEEP_THREE: RetentionRules = { runsPerRepository: 3, maxAgeDays: null };

/** A finished run with both artefacts on disk, `rank` runs back from the newest, finished `daysAgo` days ago. */
function finished(name: string, rank: number, overrides: Partial<RunArtefactFacts> = {}, daysAgo = rank): RunArtefactFacts {
  return {
    runId: name,
    repositoryId: REPOSITORY,
    status: 'completed',
    finishedAt: new Date(NOW.getTime() - daysAgo * 24 * 3600 * 1000),
    finishedRank: rank,
    isReady: false,
    isLatest: false,
    hasCheckout: true,
    hasIndex: true,
    ...overrides,
  };
}

/** What goes, as `run: checkout+index`, for reading the expectations at a glance. */
function removed(runs: RunArtefactFacts[], rules: RetentionRules = KEEP_THREE): Record<string, string> {
  return Object.fromEntries(
    selectRemovals(runs, rules, NOW).map((removal) => [removal.runId, [removal.checkout ? 'checkout' : '', removal.index ? 'index' : ''].filter(Boolean).join('+')]),
  );
}

describe('which runs lose their checkout and index', () => {
  it('counts only completed runs toward the kept indexes: failed runs lose their checkout and never push a completed index out', () => {
    const runs = [
      finished('done-now', 1, { isReady: true, isLatest: true }),
      finished('failed-1', 0, { status: 'failed', finishedRank: null, hasIndex: false }, 1),
      finished('failed-2', 0, { status: 'timed_out', finishedRank: null }, 2),
      finished('done-before', 2, {}, 3),
    ];
    expect(removed(runs, { runsPerRepository: 2, maxAgeDays: null })).toEqual({
      'failed-1': 'checkout',
      'failed-2': 'checkout+index',
      'done-before': 'checkout',
    });
  });

  it('keeps the indexes of the newest N finished runs, removes older ones, and removes superseded checkouts at once', () => {
    const runs = [
      finished('r5', 1, { isReady: true, isLatest: true }),
      finished('r4', 2),
      finished('r3', 3),
      finished('r2', 4),
      finished('r1', 5),
    ];
    expect(removed(runs)).toEqual({ r4: 'checkout', r3: 'checkout', r2: 'checkout+index', r1: 'checkout+index' });
  });

  it('always keeps the ready run whole, however old and however many runs failed after it', () => {
    const runs = [
      finished('failed-3', 1, { status: 'failed', isLatest: true }),
      finished('failed-2', 2, { status: 'failed' }),
      finished('failed-1', 3, { status: 'timed_out' }),
      finished('cancelled', 4, { status: 'cancelled' }),
      finished('ready', 5, { isReady: true }, 400),
    ];
    expect(removed(runs, { runsPerRepository: 1, maxAgeDays: 30 })).toEqual({
      'failed-2': 'checkout+index',
      'failed-1': 'checkout+index',
      cancelled: 'checkout+index',
    });
  });

  it('keeps the latest run whole (a retry resumes it from its checkout) and never touches a run in progress', () => {
    const runs = [
      finished('running', 0, { status: 'running', finishedAt: null, finishedRank: null, isLatest: true }),
      finished('queued-elsewhere', 0, { status: 'queued', finishedAt: null, finishedRank: null }),
      finished('ready', 1, { isReady: true }),
      finished('old', 2),
    ];
    expect(removed(runs, { runsPerRepository: 0, maxAgeDays: null })).toEqual({ old: 'checkout+index' });
  });

  it('removes indexes older than the age limit even among the newest N', () => {
    const runs = [finished('ready', 1, { isReady: true, isLatest: true }, 60), finished('recent', 2, {}, 5), finished('stale', 3, {}, 45)];
    expect(removed(runs, { runsPerRepository: 10, maxAgeDays: 30 })).toEqual({ recent: 'checkout', stale: 'checkout+index' });
  });

  it('asks only for what is still there, and nothing for a run already collected', () => {
    const runs = [
      finished('ready', 1, { isReady: true, isLatest: true }),
      finished('index-only', 2, { hasCheckout: false }),
      finished('checkout-only', 5, { hasIndex: false }),
      finished('old-index', 6, { hasCheckout: false }),
    ];
    expect(removed(runs)).toEqual({ 'checkout-only': 'checkout', 'old-index': 'index' });
  });
});
