import type { Redis } from 'ioredis';

const TTL_SECONDS = 24 * 60 * 60;

/**
 * An access token given with a submission, held only in Redis for the life of the run (never in
 * Postgres, job payloads, events or logs) so any worker can clone with it, and deleted when the run ends.
 */
export class RunCredentials {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:run-credentials:${runId}`;
  }

  async store(runId: string, token: string): Promise<void> {
    await this.redis.set(this.key(runId), token, 'EX', TTL_SECONDS);
  }

  async get(runId: string): Promise<string | null> {
    return this.redis.get(this.key(runId));
  }

  async forget(runId: string): Promise<void> {
    await this.redis.del(this.key(runId));
  }
}
