import { isRunEnd, type FeedMessage } from '@repolens/contracts';
import type { EventsRepo } from '@repolens/db';
import type { RunEventHub } from './run-event-hub.js';

export interface RunFeedOptions {
  readonly runId: string;
  /** The last sequence number the client has; it receives everything after it. */
  readonly after: number;
  readonly events: EventsRepo;
  readonly hub: RunEventHub;
  readonly send: (message: FeedMessage) => void;
  /** Called once, after the message that ends the run has been sent. */
  readonly onRunEnd: () => void;
}

export interface RunFeed {
  close(): Promise<void>;
}

/**
 * Replay then live, in order, with no duplicates and no gaps. Live messages are subscribed to before the
 * log is read and held back until the replay is sent; a live message that skips ahead (a lost publish,
 * or a race with the replay) triggers a re-read of the log, so the stored order is always what is sent.
 */
export async function openRunFeed(options: RunFeedOptions): Promise<RunFeed> {
  let lastSent = options.after;
  let ended = false;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const deliver = (message: FeedMessage): void => {
    if (closed || ended || message.seq !== lastSent + 1) return;
    options.send(message);
    lastSent = message.seq;
    if (isRunEnd(message)) {
      ended = true;
      options.onRunEnd();
    }
  };

  const catchUp = async (): Promise<void> => {
    if (closed || ended) return;
    for (const message of await options.events.listAfter(options.runId, lastSent)) deliver(message);
  };

  const enqueue = (task: () => Promise<void> | void): void => {
    chain = chain.then(task).catch(() => undefined);
  };

  const unsubscribe = await options.hub.subscribe(options.runId, (message) => {
    enqueue(async () => {
      if (message.seq <= lastSent) return;
      if (message.seq === lastSent + 1) deliver(message);
      else await catchUp();
    });
  });

  enqueue(catchUp);
  await chain;

  return {
    async close() {
      closed = true;
      await unsubscribe();
    },
  };
}
