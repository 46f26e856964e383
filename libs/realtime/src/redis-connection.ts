import { Redis } from 'ioredis';

/**
 * BullMQ workers and subscribers need `maxRetriesPerRequest: null` so blocking calls are never cut off.
 * `name` shows up in CLIENT LIST, which helps when several processes share one Redis.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}

export function channelName(prefix: string, channel: string): string {
  return `${prefix}:${channel}`;
}
