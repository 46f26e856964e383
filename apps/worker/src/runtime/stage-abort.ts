import { AppError, STAGE_LABELS, type StageName } from '@repolens/contracts';

/**
 * The abort signal a stage sees: aborted when the run is cancelled (BullMQ's per-job signal) or when the
 * stage outlives its timeout, with an AppError as the reason so the runner knows which.
 */
export class StageAbort {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(stage: StageName, timeoutMs: number, cancelSignal: AbortSignal | undefined) {
    this.timer = setTimeout(() => {
      this.controller.abort(new AppError('STAGE_TIMEOUT', `${STAGE_LABELS[stage]} took longer than its time limit of ${formatLimit(timeoutMs)}.`));
    }, timeoutMs);
    const cancel = () => this.controller.abort(new AppError('RUN_CANCELLED'));
    if (cancelSignal?.aborted) cancel();
    else cancelSignal?.addEventListener('abort', cancel, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the stage was aborted, if it was. */
  get reason(): AppError | null {
    const reason: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted && reason instanceof AppError ? reason : null;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** "300 s", or "250 ms" for a limit under a second (which a rounded "0 s" would hide). */
function formatLimit(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Settles with `work`, or rejects with the abort reason as soon as `signal` aborts, whichever is first:
 * a stage that ignores its signal is left behind rather than holding the job past its timeout.
 */
export function untilAborted<TValue>(work: Promise<TValue>, signal: AbortSignal): Promise<TValue> {
  if (signal.aborted) {
    // Left behind: its own failure (usually the same abort) no longer matters, and must not go unhandled.
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<TValue>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
