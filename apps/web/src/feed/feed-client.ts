import { FeedMessageSchema, type FeedMessage } from '@repolens/contracts';

export type FeedConnection = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RunFeedOptions {
  readonly runId: string;
  /** The last seq applied; each (re)connection asks the server to replay what came after it. */
  readonly lastSeq: () => number;
  /** True once the run has ended: the feed then stops instead of reconnecting. */
  readonly finished: () => boolean;
  readonly onMessage: (message: FeedMessage) => void;
  readonly onConnection?: (connection: FeedConnection) => void;
  /** Where the page is served from; the socket goes to the same host. */
  readonly location?: Pick<Location, 'protocol' | 'host'>;
}

export interface RunFeed {
  close(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * Opens the progress feed of a run (SPEC §3) and keeps it open: when the socket closes before the
 * run has ended it reconnects, with backoff, asking for everything after the last message applied.
 */
export function openRunFeed(options: RunFeedOptions): RunFeed {
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = FIRST_RETRY_MS;
  let closed = false;

  const report = (connection: FeedConnection): void => options.onConnection?.(connection);

  const connect = (): void => {
    if (closed) return;
    report(socket === null ? 'connecting' : 'reconnecting');
    const current = new WebSocket(feedUrl(options.runId, options.lastSeq(), options.location ?? window.location));
    socket = current;
    current.addEventListener('open', () => {
      retryDelay = FIRST_RETRY_MS;
      report('open');
    });
    current.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseMessage(event.data);
      // A message this page cannot read is dropped; the gap it leaves is refilled on the next connection.
      if (message !== null) options.onMessage(message);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      if (closed || options.finished()) {
        closed = true;
        report('closed');
        return;
      }
      report('reconnecting');
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    });
  };

  connect();

  return {
    close() {
      closed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      socket?.close();
      socket = null;
      report('closed');
    },
  };
}

export function feedUrl(runId: string, after: number, location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/runs/${encodeURIComponent(runId)}/events?after=${after}`;
}

function parseMessage(data: unknown): FeedMessage | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = FeedMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
