import { isRunEnd, type FeedMessage } from '@repolens/contracts';
import type { EventsRepo } from '@repolens/db';
import type { RunEventHub } from './run-event-hub.js';

export interface RunFeedOptions {
  readonly runId: string;
  /** The last sequence number the client has; it receives everything after it. */
  readonly after: number;
  readonly events: Pick<EventsRepo, 'listAfter' | 'feedState'>;
  readonly hub: RunEventHub;
  readonly send: (message: FeedMessage) => void;
  /** Called once, when the client has everything up to the run's end. */
  readonly onRunEnd: () => void;
  /** Called once if the log cannot be read; the feed stops. */
  readonly onError: (error: unknown) => void;
  /** How often the log is re-read in case a live announcement was lost. */
  readonly pollIntervalMs?: number;
}

export interface RunFeed {
  close(): Promise<void>;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;

/**
 * Replay then live, in order, with no duplicates and no gaps. Live messages are subscribed to before the
 * log is read and held back until the replay is sent; a live message that skips ahead (a lost publish,
 * or a race with the replay) triggers a re-read of the log, as does a periodic timer, so the stored
 * order is always what is sent and a lost final announcement still reaches the client.
 */
export async function openRunFeed(options: RunFeedOptions): Promise<RunFeed> {
  let lastSent = options.after;
  let finished = false;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;

  const stop = async (): Promise<void> => {
    finished = true;
    clearInterval(timer);
    await unsubscribe?.();
  };

  const end = (): void => {
    if (finished) return;
    void stop();
    options.onRunEnd();
  };

  /**
   * Sends the next message. A live end message ends the feed; a replayed one may have been followed by a
   * retry that resumed the run, so a replay ends only where the log ends while the run is over (below).
   */
  const deliver = (message: FeedMessage, live: boolean): void => {
    if (finished || message.seq !== lastSent + 1) return;
    options.send(message);
    lastSent = message.seq;
    if (live && isRunEnd(message)) end();
  };

  const catchUp = async (): Promise<void> => {
    for (;;) {
      if (finished) return;
      const before = lastSent;
      const page = await options.events.listAfter(options.runId, lastSent);
      for (const message of page) deliver(message, false);
      // An empty page is the end of the log; a page that moved nothing would only repeat itself.
      if (page.length === 0 || lastSent === before) break;
    }
    // A client that already had everything of an ended run (it reconnected after the end) is done too.
    const state = await options.events.feedState(options.runId);
    if (state !== null && state.ended && lastSent >= state.lastSeq) end();
  };

  const enqueue = (task: () => Promise<void> | void): void => {
    chain = chain.then(task).catch((error: unknown) => {
      if (finished) return;
      void stop();
      options.onError(error);
    });
  };

  unsubscribe = await options.hub.subscribe(options.runId, (message) => {
    enqueue(async () => {
      if (finished || message.seq <= lastSent) return;
      if (message.seq === lastSent + 1) deliver(message, true);
      else await catchUp();
    });
  });

  enqueue(catchUp);
  await chain;
  if (!finished) timer = setInterval(() => enqueue(catchUp), options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);

  return { close: stop };
}
