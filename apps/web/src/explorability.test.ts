import { describe, expect, it } from 'vitest';
import { explorability, type RunsOfRepository } from './explorability.js';

const FIRST = '11111111-1111-4111-8111-111111111111';
const SECOND = '22222222-2222-4222-8222-222222222222';
const readyFirst = { runId: FIRST, commitSha: 'a'.repeat(40), finishedAt: '2025-01-02T03:04:05.000Z' };

describe('what of a repository the page can show', () => {
  it('shows nothing but the analysis until a first one completes', () => {
    const running: RunsOfRepository = { latestRun: { id: FIRST, status: 'running' }, readyAnalysis: null };
    expect(explorability(running, null)).toMatchObject({ explorable: false, behind: null });
    expect(explorability({ latestRun: { id: FIRST, status: 'failed' }, readyAnalysis: null }, null).explorable).toBe(false);
    expect(explorability({ latestRun: null, readyAnalysis: null }, null).explorable).toBe(false);
  });

  it('opens up as soon as the feed says the run is ready, before the repository is read again', () => {
    expect(explorability({ latestRun: { id: FIRST, status: 'running' }, readyAnalysis: null }, FIRST)).toMatchObject({ explorable: true, behind: null });
  });

  it('shows a completed analysis that is the latest run as current', () => {
    expect(explorability({ latestRun: { id: FIRST, status: 'completed' }, readyAnalysis: readyFirst }, null)).toEqual({
      explorable: true,
      behind: null,
      shownCommit: null,
      shownFinishedAt: null,
    });
  });

  it('stays explorable during a re-analysis, saying which commit it shows', () => {
    for (const status of ['queued', 'running'] as const) {
      expect(explorability({ latestRun: { id: SECOND, status }, readyAnalysis: readyFirst }, null)).toEqual({
        explorable: true,
        behind: 'running',
        shownCommit: readyFirst.commitSha,
        shownFinishedAt: readyFirst.finishedAt,
      });
    }
    // Once the feed says the new run is ready, it is no longer behind.
    expect(explorability({ latestRun: { id: SECOND, status: 'running' }, readyAnalysis: readyFirst }, SECOND).behind).toBeNull();
  });

  it('stays explorable after a re-analysis failed, saying so', () => {
    for (const status of ['failed', 'timed_out', 'cancelled'] as const) {
      expect(explorability({ latestRun: { id: SECOND, status }, readyAnalysis: readyFirst }, null)).toMatchObject({ explorable: true, behind: 'ended' });
    }
  });
});
