import type { Redis } from 'ioredis';
import type { TokenCipher } from './token-cipher.js';

const TTL_SECONDS = 24 * 60 * 60;

/**
 * An access token given with a submission, held encrypted in Redis for the life of the run (never in
 * Postgres, job payloads, events or logs) so any worker can clone with it, and deleted when the run ends.
 */
export class RunCredentials {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly cipher: TokenCipher,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:run-credentials:${runId}`;
  }

  async store(runId: string, token: string): Promise<void> {
    await this.redis.set(this.key(runId), this.cipher.encrypt(token, runId), 'EX', TTL_SECONDS);
  }

  async get(runId: string): Promise<string | null> {
    const sealed = await this.redis.get(this.key(runId));
    return sealed === null ? null : this.cipher.decrypt(sealed, runId);
  }

  async forget(runId: string): Promise<void> {
    await this.redis.del(this.key(runId));
  }
}
