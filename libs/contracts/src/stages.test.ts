import { describe, expect, it } from 'vitest';
import { RUN_STATUSES, STAGE_NAMES, STAGE_WEIGHTS, isLegalRunTransition, nextStage, overallProgress, runStatusesAllowing } from './stages.js';

/** SPEC §2's run state machine, written out pair by pair: every move not listed here is illegal. */
const LEGAL_MOVES = new Set([
  'queued→running',
  'queued→cancelled',
  'queued→failed', // the run could not be queued
  'running→completed',
  'running→failed',
  'running→cancelled',
  'running→timed_out',
  'failed→running', // retried from its failed stage
  'timed_out→running', // retried from the stage that timed out
]);

describe('stages', () => {
  it('weights sum to one so a finished run reports 100%', () => {
    const sum = STAGE_NAMES.reduce((total, stage) => total + STAGE_WEIGHTS[stage], 0);
    expect(sum).toBeCloseTo(1, 10);
    expect(overallProgress('embedding', 1)).toBe(1);
  });

  it('overall progress counts finished stages and the current one', () => {
    expect(overallProgress('initialization', 0)).toBe(0);
    expect(overallProgress('metadata', 0)).toBe(STAGE_WEIGHTS.initialization);
    expect(overallProgress('code_analysis', 0.5)).toBeCloseTo(0.15 + 0.05 + 0.1 + 0.35 / 2, 4);
  });

  it('orders stages and ends after embedding', () => {
    expect(nextStage('initialization')).toBe('metadata');
    expect(nextStage('embedding')).toBeUndefined();
  });

  it.each(RUN_STATUSES.flatMap((from) => RUN_STATUSES.map((to) => [from, to] as const)))('run move %s → %s is legal only if SPEC lists it', (from, to) => {
    const legal = LEGAL_MOVES.has(`${from}→${to}`);
    expect(isLegalRunTransition(from, to)).toBe(legal);
    expect(runStatusesAllowing(to).includes(from)).toBe(legal);
  });

  it('never leaves a completed or cancelled run', () => {
    for (const to of RUN_STATUSES) {
      expect(isLegalRunTransition('completed', to)).toBe(false);
      expect(isLegalRunTransition('cancelled', to)).toBe(false);
    }
  });
});
