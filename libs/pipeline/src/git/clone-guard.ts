import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@repolens/contracts';

/** What one clone may take. */
export interface CloneLimits {
  /** Longer than this, the clone stops with CLONE_TIMEOUT. */
  readonly timeoutMs: number;
  /** Bytes on disk (history and files together) over which the clone stops with REPOSITORY_TOO_LARGE. */
  readonly maxBytes: number;
  /** Files in the commit over which the clone stops with TOO_MANY_FILES, unless partial checkouts are allowed. */
  readonly maxFiles: number;
}

export interface CloneGuard {
  /** Aborted by the caller's signal, the time limit or the size limit; its reason says which. */
  readonly signal: AbortSignal;
  /** Measures the directory now; throws REPOSITORY_TOO_LARGE when it is over the limit. */
  assertWithinSize(): Promise<void>;
  stop(): void;
}

const MIN_POLL_MS = 250;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Watches a clone into `dir`: a timer for the time limit, and a poll of the bytes on disk that stops git
 * as soon as it writes more than the limit (a huge pack while fetching, or a small pack that checks out
 * into a huge tree, the git bomb). The poll waits longer on big checkouts so measuring stays cheap.
 */
export function guardClone(dir: string, parent: AbortSignal, limits: CloneLimits | undefined): CloneGuard {
  if (limits === undefined) return { signal: parent, assertWithinSize: async () => undefined, stop: () => undefined };

  const limiter = new AbortController();
  const signal = AbortSignal.any([parent, limiter.signal]);
  let stopped = false;
  // Past what a timer can hold (about 24.8 days) there is no time limit.
  const timer =
    limits.timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          limiter.abort(new AppError('CLONE_TIMEOUT', `Cloning the repository took longer than the limit of ${formatDuration(limits.timeoutMs)}.`));
        }, limits.timeoutMs)
      : undefined;

  const measure = async (): Promise<number> => directorySize(dir, limits.maxBytes + 1);
  void (async () => {
    while (!stopped && !signal.aborted) {
      const started = performance.now();
      const size = await measure().catch(() => 0);
      if (stopped || signal.aborted) return;
      if (size > limits.maxBytes) {
        limiter.abort(tooLarge(limits.maxBytes));
        return;
      }
      const tookMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, Math.max(MIN_POLL_MS, tookMs * 4)));
    }
  })();

  return {
    signal,
    async assertWithinSize() {
      if ((await measure()) > limits.maxBytes) throw tooLarge(limits.maxBytes);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

// What a directory takes on disk (one block on ext4 and most file systems), whatever its apparent size: a
// tree of empty nested directories is no smaller than the same number of small files.
export const DIRECTORY_BYTES = 4096;

/**
 * Bytes under `dir`: the apparent sizes of files (symlinks not followed) and DIRECTORY_BYTES for each
 * directory; counting stops once `stopAt` is reached. Entries that vanish while git works are skipped.
 */
export async function directorySize(dir: string, stopAt = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0 && total < stopAt) {
    const current = pending.pop() as string;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
        total += DIRECTORY_BYTES;
        if (total >= stopAt) break;
      } else {
        total += (await lstat(full).catch(() => null))?.size ?? 0;
        if (total >= stopAt) break;
      }
    }
  }
  return total;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('REPOSITORY_TOO_LARGE', `The repository is larger than the limit of ${formatBytes(maxBytes)} on disk.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
