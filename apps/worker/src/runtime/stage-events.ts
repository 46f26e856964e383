import type { EventDetails, EventError, StageEventStatus, StageName } from '@repolens/contracts';
import type { Database } from '@repolens/db';
import type { Logger } from '@repolens/logger';
import type { StageProgress } from '@repolens/pipeline';
import { ProgressThrottle, stageMessage, type EventPublisher, type RunIds } from '@repolens/realtime';

/**
 * The events of one stage attempt. Progress is throttled; milestones never are. Everything is written
 * through one serial chain, so the feed shows them in the order the stage produced them.
 */
export class StageEvents {
  private chain: Promise<void> = Promise.resolve();
  private readonly throttle: ProgressThrottle<StageProgress>;
  private lastProgress = 0;
  private closed = false;

  constructor(
    private readonly deps: { db: Database; publisher: EventPublisher; log: Logger },
    private readonly ids: RunIds,
    private readonly stage: StageName,
    throttleMs: number,
  ) {
    this.throttle = new ProgressThrottle(throttleMs, (progress) => this.enqueueProgress(progress));
  }

  /** Called by the stage as often as it likes; ignored once the attempt is over (an abandoned stage). */
  report(progress: StageProgress): void {
    if (this.closed) return;
    this.lastProgress = Math.min(1, Math.max(0, progress.progress));
    this.throttle.push(progress);
  }

  /** A started/completed/failed event; any held-back progress is superseded and dropped. */
  async milestone(
    status: Exclude<StageEventStatus, 'progress'>,
    message: string,
    extra: { details?: EventDetails; error?: EventError } = {},
  ): Promise<void> {
    this.throttle.discard();
    const progress = status === 'completed' ? 1 : status === 'started' ? 0 : this.lastProgress;
    await this.enqueue(async () => {
      await this.deps.publisher.publishWhileActive(
        stageMessage(this.ids, { stage: this.stage, status, progress, message, details: extra.details, error: extra.error }),
      );
    });
  }

  /** A progress-status note outside the throttle (e.g. "attempt 1 failed, retrying"). */
  async note(message: string, details?: EventDetails): Promise<void> {
    this.throttle.discard();
    await this.enqueue(async () => {
      await this.deps.publisher.publishWhileActive(
        stageMessage(this.ids, { stage: this.stage, status: 'progress', progress: this.lastProgress, message, details }),
      );
    });
  }

  /** Waits for queued writes; drops progress still held back. */
  async settle(): Promise<void> {
    this.throttle.discard();
    await this.chain;
  }

  /** The attempt is over: later reports from a stage that kept running are dropped. */
  close(): void {
    this.closed = true;
    this.throttle.discard();
  }

  private enqueueProgress(progress: StageProgress): void {
    void this.enqueue(async () => {
      const published = await this.deps.publisher.publishWhileActive(
        stageMessage(this.ids, {
          stage: this.stage,
          status: 'progress',
          progress: progress.progress,
          message: progress.message,
          details: progress.details,
        }),
      );
      if (published === null || published.type !== 'stage') return;
      await this.deps.db.runs.stageProgress(this.ids.runId, this.stage, published.progress, published.message);
      await this.deps.db.runs.setProgress(this.ids.runId, this.stage, published.overallProgress);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'could not publish a stage event');
    });
    return this.chain;
  }
}
