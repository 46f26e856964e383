import type { MetadataResult } from '@repolens/contracts';
import { createGit } from '../../git/git-command.js';

export type CommitActivity = MetadataResult['commitActivity'];

const MAX_MONTHS = 120;

/**
 * Commits per month of the fetched history, by author date in the author's own time zone: one `git log`
 * pass, however long the history.
 */
export async function readCommitActivity(checkoutDir: string, signal: AbortSignal, now = new Date()): Promise<CommitActivity> {
  // No remote is contacted; `https` keeps even the file transport switched off.
  const git = createGit({ baseDir: checkoutDir, kind: 'https', signal });
  const output = await git.raw(['log', '--format=%ad', '--date=format:%Y-%m', 'HEAD']);
  return monthlyActivity(output.split('\n'), now);
}

/**
 * Counts of `YYYY-MM` lines, oldest month first, with the months between that had no commit; only the
 * latest 120 months. Months after `now` come from a wrong clock and are left out.
 */
export function monthlyActivity(months: readonly string[], now: Date): CommitActivity {
  const currentMonth = monthKey(now.getUTCFullYear(), now.getUTCMonth() + 1);
  const counts = new Map<string, number>();
  for (const line of months) {
    const month = line.trim();
    if (!/^\d{4}-\d{2}$/.test(month) || month > currentMonth) continue;
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const sorted = [...counts.keys()].sort();
  const last = sorted[sorted.length - 1] as string;
  const first = sorted[0] as string;

  // Walk back from the latest month, so the cap keeps the recent end of a long history.
  const activity: CommitActivity = [];
  let [year, month] = last.split('-').map(Number) as [number, number];
  for (let key = last; activity.length < MAX_MONTHS && key >= first; key = monthKey(year, month)) {
    activity.push({ month: key, commits: counts.get(key) ?? 0 });
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return activity.reverse();
}

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
