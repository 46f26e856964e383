import { describe, expect, it } from 'vitest';
import { STAGE_NAMES, STAGE_WEIGHTS, nextStage, overallProgress } from './stages.js';

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
});
