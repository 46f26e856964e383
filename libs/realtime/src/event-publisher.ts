import { CHANNELS, type EventError, type FeedMessage, type StageName, type TerminalRunStatus, type UnsequencedFeedMessage } from '@repolens/contracts';
import type { Database, ResumeOutcome, RunningStage } from '@repolens/db';
import type { Redis } from 'ioredis';
import { channelName } from './redis-connection.js';

/** Stores events (which gives them their sequence numbers), then announces them to every API process. */
export class EventPublisher {
  constructor(
    private readonly db: Pick<Database, 'events' | 'runs'>,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Publishes unconditionally (tests and tools; the pipeline uses the guarded calls below). */
  async publish(message: UnsequencedFeedMessage): Promise<FeedMessage> {
    const stored = await this.db.events.append(message);
    await this.announce(stored);
    return stored;
  }

  /** Publishes a stage event unless the run has already ended (e.g. it was cancelled meanwhile). */
  async publishWhileActive(message: UnsequencedFeedMessage): Promise<FeedMessage | null> {
    const stored = await this.db.events.appendWhileActive(message);
    if (stored !== null) await this.announce(stored);
    return stored;
  }

  /**
   * Ends the run (if it has not ended already) together with the events that say so, atomically, then
   * announces them. Returns false when the run had already ended.
   */
  async endRun(
    runId: string,
    to: TerminalRunStatus,
    input: { error?: EventError; events: (running: RunningStage | null) => UnsequencedFeedMessage[] },
  ): Promise<boolean> {
    const stored = await this.db.runs.end(runId, to, input);
    if (stored === null) return false;
    for (const message of stored) await this.announce(message);
    return true;
  }

  /**
   * Retry: puts a failed or timed-out run back to running with the events that say so, atomically (see
   * RunsRepo.resume), then announces them; the feed goes on with the next sequence numbers.
   */
  async resumeRun(runId: string, events: (from: StageName) => UnsequencedFeedMessage[]): Promise<ResumeOutcome> {
    const outcome = await this.db.runs.resume(runId, events);
    if (outcome.resumed) for (const message of outcome.events) await this.announce(message);
    return outcome;
  }

  private async announce(message: FeedMessage): Promise<void> {
    // A lost PUBLISH is repaired by subscribers, who re-read the log on a gap and periodically.
    await this.redis.publish(channelName(this.prefix, CHANNELS.runEvents(message.runId)), JSON.stringify(message));
  }
}
