import fc from 'fast-check';
import { RateLimiter } from '../../../src/http/rateLimit';

/** A limiter on a clock the test moves by hand. */
function limiter(perMinute: number, maxKeys = 100) {
  let now = 1_000_000;
  const limit = new RateLimiter(perMinute, maxKeys, () => now);
  return { limit, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows perMinute requests at once, then refuses with the seconds until the next one', () => {
    const { limit } = limiter(3);
    expect([1, 2, 3].map(() => limit.take('a').allowed)).toEqual([true, true, true]);
    expect(limit.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('refills at perMinute a minute', () => {
    const { limit, advance } = limiter(6);
    for (let i = 0; i < 6; i++) limit.take('a');
    advance(9_999);
    expect(limit.take('a').allowed).toBe(false);
    advance(1);
    expect(limit.take('a').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  it('peeks without taking and without keeping a bucket for a new key', () => {
    const { limit, advance } = limiter(2);
    expect(limit.peek('a')).toEqual({ allowed: true });
    expect(limit.size).toBe(0);
    limit.take('a');
    limit.take('a');
    expect(limit.peek('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    advance(30_000);
    expect(limit.peek('a')).toEqual({ allowed: true });
    expect(limit.peek('a')).toEqual({ allowed: true });
    expect(limit.take('a').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  it('counts each key on its own', () => {
    const { limit } = limiter(1);
    expect(limit.take('a').allowed).toBe(true);
    expect(limit.take('b').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const { limit } = limiter(1, 3);
    for (const key of ['a', 'b', 'c']) limit.take(key);
    limit.take('a');
    limit.take('d');
    expect(limit.size).toBe(3);
    // 'b' was dropped and starts again full; 'a' was used recently and is still empty.
    expect(limit.take('b').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  it('keeps the same buckets as a least-recently-used list over any sequence of keys, long after the first drop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 300 }), (maxKeys, keys) => {
        // One request a minute on a clock that stands still: a key with a bucket is refused, a key without one is not.
        const { limit } = limiter(1, maxKeys);
        const recent: string[] = [];
        for (const key of keys.map(String)) {
          limit.take(key);
          const at = recent.indexOf(key);
          if (at >= 0) recent.splice(at, 1);
          recent.push(key);
          if (recent.length > maxKeys) recent.shift();
        }
        const kept = [...'0123456789'].filter((key) => !limit.peek(key).allowed);
        expect(kept).toEqual([...recent].sort());
        expect(limit.size).toBe(recent.length);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses perMinute %p', (perMinute) => {
    expect(() => new RateLimiter(perMinute)).toThrow(/RateLimiter\(\): perMinute must be a positive integer/);
  });
});
