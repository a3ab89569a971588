import { LRUCache } from 'lru-cache';
import type { Response } from 'restify';

/** The answer of {@link RateLimiter.take}: allowed, or refused with the seconds until the next one would be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * What the routes need of a limiter, so that one shared by every replica (Redis) can stand in for
 * the in-process {@link RateLimiter}: callers await both answers.
 */
export interface RateLimit {
  /** Takes one request of `key`, or says how long to wait. */
  take(key: string): RateDecision | Promise<RateDecision>;
  /** Whether `key` could take one now, without taking it. */
  peek(key: string): RateDecision | Promise<RateDecision>;
}

/** Makes the limiter named `name` allowing `perMinute` requests a minute per key (see `sharedRateLimits` for one in Redis). */
export type RateLimitMaker = (name: string, perMinute: number) => RateLimit;

/** The limiters of one process: each counts only what this process sees (one instance, no Redis). */
export const inProcessRateLimits: RateLimitMaker = (_name, perMinute) => new RateLimiter(perMinute);

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (a conversation, a client address): `perMinute` requests a minute, up to
 * `perMinute` at once after a quiet minute. At most `maxKeys` buckets are kept; when that is
 * reached the least recently used one is dropped (its key starts again with a full bucket), so
 * memory stays bounded however many keys a client makes up.
 */
export class RateLimiter implements RateLimit {
  /**
   * lru-cache rather than a Map kept in use order: dropping a Map's oldest key with a new iterator
   * first steps over every deleted entry the Map has not yet compacted, which at `maxKeys` keys is
   * a long walk on every request from a new key.
   */
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`RateLimiter(): perMinute must be a positive integer, got ${perMinute}`);
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new Error(`RateLimiter(): maxKeys must be a positive integer, got ${maxKeys}`);
    this.perMs = perMinute / 60_000;
    this.buckets = new LRUCache({ max: maxKeys });
  }

  /** Takes one request of `key` from its bucket, or says how long to wait. */
  take(key: string): RateDecision {
    const now = this.now();
    // Reading a bucket makes it the most recently used; a new one drops the least recently used when maxKeys are kept.
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.perMinute, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Whether `key` could take one request now; takes nothing and keeps no bucket for a new key. */
  peek(key: string): RateDecision {
    // peek, not get: looking does not count as use.
    const bucket = this.buckets.peek(key);
    if (!bucket) return { allowed: true };
    const tokens = Math.min(this.perMinute, bucket.tokens + (this.now() - bucket.updatedAt) * this.perMs);
    return tokens >= 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  /** How many keys have a bucket now. */
  get size(): number {
    return this.buckets.size;
  }
}

/**
 * Answers 429 with `Retry-After` and a short JSON error: `{ error, retryAfterSeconds }`, or the
 * body `shape` builds (Direct Line's error shape).
 */
export function sendTooMany(res: Response, retryAfterSeconds: number, message: string, shape?: (message: string) => unknown): void {
  res.header('Retry-After', String(retryAfterSeconds));
  res.send(429, shape ? shape(message) : { error: message, retryAfterSeconds });
}
