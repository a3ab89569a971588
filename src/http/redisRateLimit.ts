import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../log.js';
import type { RateDecision, RateLimit, RateLimitMaker } from './rateLimit.js';

const ALLOWED: RateDecision = { allowed: true };

/**
 * A limit every replica counts together, in Redis (rate-limiter-flexible's RateLimiterRedis: one
 * atomic increment with expiry per request, a fixed minute per key). While Redis is away it counts
 * in this process instead (its insurance limiter), so an outage neither crashes the server nor lifts
 * the limits; the Redis count resumes when Redis is back.
 */
export class SharedRateLimit implements RateLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly name: string,
    perMinute: number,
    private readonly log: Logger,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`SharedRateLimit(): perMinute of ${name} must be a positive integer, got ${perMinute}`);
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}rate:${name}`,
      points: perMinute,
      duration: 60,
      // Not connected: count here at once rather than wait for a command that cannot be sent.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
  }

  async take(key: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(key);
      return ALLOWED;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return refused(rejection);
      throw rejection;
    }
  }

  async peek(key: string): Promise<RateDecision> {
    try {
      const state = await this.limiter.get(key);
      return state === null || state.remainingPoints > 0 ? ALLOWED : refused(state);
    } catch (error) {
      // The insurance answers `get` too while Redis is away; should that fail as well, looking lets the request on to the route, which takes.
      this.log('warn', `rate limit ${this.name}: ${(error as Error).message}`);
      return ALLOWED;
    }
  }
}

function refused(state: RateLimiterRes): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}

/** Limits counted in Redis by every replica, each under `<prefix>rate:<name>:`. */
export function sharedRateLimits(redis: Redis, keyPrefix: string, log: Logger): RateLimitMaker {
  return (name, perMinute) => new SharedRateLimit(redis, keyPrefix, name, perMinute, log);
}
