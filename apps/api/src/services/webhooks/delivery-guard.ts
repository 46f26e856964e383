import { AppError, type WebhookProvider } from '@repolens/contracts';
import type { Redis } from 'ioredis';

/** What a delivery id may look like (GitHub sends a UUID, GitLab a UUID): nothing else is stored as a key. */
const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Remembers each delivery id for a while, so a captured delivery sent again is refused. The claim is
 * atomic (SET NX), so two copies arriving together cannot both pass.
 */
export class DeliveryGuard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Claims the delivery; throws WEBHOOK_REPLAYED when it was seen before. Returns the release to call if handling fails. */
  async claim(provider: WebhookProvider, deliveryId: string | undefined, header: string): Promise<() => Promise<void>> {
    if (deliveryId === undefined || !DELIVERY_ID.test(deliveryId)) {
      throw new AppError('VALIDATION_ERROR', `The delivery has no valid ${header} header.`);
    }
    const key = `${this.prefix}:webhook-delivery:${provider}:${deliveryId}`;
    const claimed = await this.redis.set(key, String(Date.now()), 'EX', this.ttlSeconds, 'NX');
    if (claimed === null) throw new AppError('WEBHOOK_REPLAYED', `Delivery ${deliveryId} was already received; a replay is refused.`);
    // A delivery that could not be handled may be sent again by the host, and must then be accepted.
    return async () => {
      await this.redis.del(key);
    };
  }
}
