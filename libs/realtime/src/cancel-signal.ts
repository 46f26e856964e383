import { CHANNELS } from '@repolens/contracts';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { channelName } from './redis-connection.js';
import { parseJson } from './run-event-hub.js';

const CancelRequestSchema = z.object({ runId: z.uuid() });

/** Tells every worker process that a run was cancelled, so the one running its stage aborts it. */
export async function requestCancel(redis: Redis, prefix: string, runId: string): Promise<void> {
  await redis.publish(channelName(prefix, CHANNELS.runCancel), JSON.stringify({ runId }));
}

export async function onCancelRequest(
  subscriber: Redis,
  prefix: string,
  handler: (runId: string) => void,
): Promise<void> {
  const channel = channelName(prefix, CHANNELS.runCancel);
  subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    const parsed = CancelRequestSchema.safeParse(parseJson(payload));
    if (parsed.success) handler(parsed.data.runId);
  });
  await subscriber.subscribe(channel);
}
