import { CHANNELS, FeedMessageSchema, type FeedMessage } from '@repolens/contracts';
import type { Redis } from 'ioredis';
import { channelName } from './redis-connection.js';

type Listener = (message: FeedMessage) => void;

/**
 * One Redis subscription per API process, shared by every socket watching the same run.
 * `subscribe` resolves once Redis confirms, so a caller that subscribes before reading the log misses nothing.
 */
export class RunEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, payload: string) => this.dispatch(channel, payload));
  }

  async subscribe(runId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = channelName(this.prefix, CHANNELS.runEvents(runId));
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    const unsubscribe = async (): Promise<void> => {
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current !== undefined && current.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      await unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  get watchedRuns(): number {
    return this.listeners.size;
  }

  private dispatch(channel: string, payload: string): void {
    const set = this.listeners.get(channel);
    if (set === undefined) return;
    // Anything that is not a feed message is ignored: one bad payload must not take the process down.
    const parsed = FeedMessageSchema.safeParse(parseJson(payload));
    if (!parsed.success) return;
    for (const listener of set) listener(parsed.data);
  }
}

export function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}
