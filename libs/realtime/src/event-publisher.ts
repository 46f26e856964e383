import { CHANNELS, type FeedMessage, type UnsequencedFeedMessage } from '@repolens/contracts';
import type { EventsRepo } from '@repolens/db';
import type { Redis } from 'ioredis';
import { channelName } from './redis-connection.js';

/** Stores an event (which gives it its sequence number), then announces it to every API process. */
export class EventPublisher {
  constructor(
    private readonly events: EventsRepo,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Publishes unconditionally: for the messages that end a run, written after its status has changed. */
  async publish(message: UnsequencedFeedMessage): Promise<FeedMessage> {
    const stored = await this.events.append(message);
    await this.announce(stored);
    return stored;
  }

  /** Publishes a stage event unless the run has already ended (e.g. it was cancelled meanwhile). */
  async publishWhileActive(message: UnsequencedFeedMessage): Promise<FeedMessage | null> {
    const stored = await this.events.appendWhileActive(message);
    if (stored !== null) await this.announce(stored);
    return stored;
  }

  private async announce(message: FeedMessage): Promise<void> {
    // A lost PUBLISH is repaired by subscribers, who re-read the log when they see a gap.
    await this.redis.publish(channelName(this.prefix, CHANNELS.runEvents(message.runId)), JSON.stringify(message));
  }
}
