import { describe, expect, it } from 'vitest';
import { monthlyActivity } from './commit-activity.js';

const now = new Date('2024-06-15T12:00:00Z');

describe('monthlyActivity', () => {
  it('counts commits per month, oldest first, with the empty months between', () => {
    expect(monthlyActivity(['2024-03', '2024-01', '2024-03', '2023-12', ''], now)).toEqual([
      { month: '2023-12', commits: 1 },
      { month: '2024-01', commits: 1 },
      { month: '2024-02', commits: 0 },
      { month: '2024-03', commits: 2 },
    ]);
    expect(monthlyActivity([], now)).toEqual([]);
  });

  it('keeps the latest 120 months and leaves out months after today', () => {
    const activity = monthlyActivity(['1999-05', '2010-01', '2024-06', '2099-01'], now);
    expect(activity).toHaveLength(120);
    expect(activity[0]).toEqual({ month: '2014-07', commits: 0 });
    expect(activity[activity.length - 1]).toEqual({ month: '2024-06', commits: 1 });
    expect(activity.reduce((sum, month) => sum + month.commits, 0)).toBe(1);
  });
});
