import { FeedMessageSchema, type FeedMessage } from '@repolens/contracts';
import WebSocket from 'ws';

export interface FeedRecording {
  readonly messages: FeedMessage[];
  /** Resolves when the server closes the socket (after the run's end message). */
  readonly closed: Promise<void>;
  waitFor(predicate: (message: FeedMessage) => boolean, timeoutMs?: number): Promise<FeedMessage>;
  close(): void;
}

/** A real WebSocket client of the progress feed that records every message it receives. */
export function recordFeed(wsUrl: string, runId: string, after = 0): Promise<FeedRecording> {
  const socket = new WebSocket(`${wsUrl}/api/runs/${runId}/events?after=${after}`);
  const messages: FeedMessage[] = [];
  const waiters: Array<{ predicate: (message: FeedMessage) => boolean; resolve: (message: FeedMessage) => void }> = [];
  socket.on('message', (raw: Buffer) => {
    const message = FeedMessageSchema.parse(JSON.parse(raw.toString()));
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        messages,
        closed,
        waitFor(predicate, timeoutMs = 60_000) {
          const seen = messages.find(predicate);
          if (seen !== undefined) return Promise.resolve(seen);
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(() => rejectWait(new Error(`no matching feed message within ${timeoutMs} ms; got ${JSON.stringify(messages.map(describe))}`)), timeoutMs);
            waiters.push({
              predicate,
              resolve: (message) => {
                clearTimeout(timer);
                resolveWait(message);
              },
            });
          });
        },
        close: () => socket.close(),
      }),
    );
  });
}

export function describe(message: FeedMessage): string {
  return message.type === 'run' ? `${message.seq}:run:${message.status}` : `${message.seq}:${message.stage}:${message.status}`;
}
