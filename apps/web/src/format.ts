import type { Citation, EventDetails } from '@repolens/contracts';

/** "0.4s", "12s", "2m 05s", "1h 02m": short enough for a stage row; tenths while under ten seconds. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Time a stage has run: until it finished, or until now while it runs. Server and browser clocks may differ, hence the floor at 0. */
export function elapsedMs(startedAt: string | null, finishedAt: string | null, now: number): number | null {
  if (startedAt === null) return null;
  const start = Date.parse(startedAt);
  const end = finishedAt === null ? now : Date.parse(finishedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** `{ filesParsed: 12, filesTotal: 40 }` → "files parsed 12 · files total 40". */
export function formatDetails(details: EventDetails | null): string | null {
  if (details === null) return null;
  const parts = Object.entries(details)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${humanizeKey(key)} ${formatDetailValue(value)}`);
  return parts.length === 0 ? null : parts.join(' · ');
}

function humanizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function formatDetailValue(value: number | string | boolean | null): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  return String(value);
}

export function formatCitation(citation: Citation): string {
  return `${citation.path}:${citation.startLine}-${citation.endLine}`;
}

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", for lists where the exact time matters less than how recent it is. */
export function formatRelative(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeTime.format(seconds, 'second');
  if (abs < 3600) return relativeTime.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relativeTime.format(Math.round(seconds / 3600), 'hour');
  return relativeTime.format(Math.round(seconds / 86_400), 'day');
}

export function shortSha(sha: string | null): string | null {
  return sha === null ? null : sha.slice(0, 10);
}

/** Progress below this says too little about the pace to estimate from. */
const MIN_PROGRESS_FOR_ESTIMATE = 0.03;
/** Nor does a stage that has run for less than this. */
const MIN_ELAPSED_FOR_ESTIMATE_MS = 1500;

/**
 * Time left if the work goes on at the pace it went so far: elapsed × (1 − p) / p. null while the
 * pace is not yet known, and once the work is done.
 */
export function estimateRemainingMs(progress: number, elapsed: number | null): number | null {
  if (elapsed === null || elapsed < MIN_ELAPSED_FOR_ESTIMATE_MS) return null;
  if (progress < MIN_PROGRESS_FOR_ESTIMATE || progress >= 1) return null;
  return (elapsed * (1 - progress)) / progress;
}

/** "about 40s left", rounded so the figure does not flicker with every event. */
export function formatRemaining(ms: number): string {
  if (ms < 5_000) return 'a few seconds left';
  const rounded = ms < 60_000 ? Math.ceil(ms / 5_000) * 5_000 : Math.ceil(ms / 60_000) * 60_000;
  return `about ${formatDuration(rounded)} left`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
