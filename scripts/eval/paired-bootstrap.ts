import { mulberry32 } from './seeded-random.js';

export interface DifferenceInterval {
  /** Mean of after − before over the queries. */
  readonly mean: number;
  /** 95% bootstrap interval of that mean. */
  readonly low: number;
  readonly high: number;
}

const RESAMPLES = 2_000;

/**
 * How much `after` changes a per-query score against `before` (the same queries, in the same order),
 * with a 95% interval from resampling the queries: a small difference over a few hundred queries
 * can be one query moving by a rank, and the interval says whether it is more than that.
 */
export function pairedDifference(before: readonly number[], after: readonly number[], seed = 1): DifferenceInterval {
  if (before.length !== after.length) throw new Error('paired scores must cover the same queries');
  const differences = after.map((value, i) => value - before[i]!);
  const n = differences.length;
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  const random = mulberry32(seed);
  const means: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random() * n)]!;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  return {
    mean: differences.reduce((a, b) => a + b, 0) / n,
    low: means[Math.floor(RESAMPLES * 0.025)]!,
    high: means[Math.ceil(RESAMPLES * 0.975) - 1]!,
  };
}
