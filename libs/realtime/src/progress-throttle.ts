/**
 * Lets at most one progress update through per interval, keeping the newest one for a trailing emit.
 * Milestones (started/completed/failed) are not throttled: the caller flushes or discards before them.
 */
export class ProgressThrottle<TProgress> {
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private pending: TProgress | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (progress: TProgress) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(progress: TProgress): void {
    const elapsed = this.now() - this.lastEmitAt;
    if (elapsed >= this.intervalMs) {
      this.clearTimer();
      this.pending = undefined;
      this.lastEmitAt = this.now();
      this.emit(progress);
      return;
    }
    this.pending = progress;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs - elapsed);
  }

  /** Emits the held-back update now, if any. */
  flush(): void {
    this.clearTimer();
    if (this.pending === undefined) return;
    const progress = this.pending;
    this.pending = undefined;
    this.lastEmitAt = this.now();
    this.emit(progress);
  }

  /** Drops the held-back update (a milestone is about to supersede it). */
  discard(): void {
    this.clearTimer();
    this.pending = undefined;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
