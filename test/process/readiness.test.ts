import { startRedisServer, type PrivateRedisServer } from '../storage/redisServer';
import { BotProcess } from './botProcess';

/** Asks `path` until its status is `status`; returns the last status seen. */
async function statusBecomes(bot: BotProcess, path: string, status: number, attempts = 100): Promise<number> {
  let seen = 0;
  for (let i = 0; i < attempts; i++) {
    seen = (await fetch(`http://127.0.0.1:${bot.port}${path}`)).status;
    if (seen === status) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

describe('readiness (/readyz) against a Redis that goes away and comes back', () => {
  let redis: PrivateRedisServer | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await redis?.stop();
  });

  it('says 503 on /readyz while Redis is down, 200 again once it is back, and /healthz stays 200 throughout', async () => {
    redis = await startRedisServer();
    const port = redis.port;
    bot = new BotProcess({ STORAGE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: `readyz-${process.pid}:`, LOG_LEVEL: 'warn' });
    await bot.start();
    expect(await statusBecomes(bot, '/readyz', 200)).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });

    await redis.stop();
    expect(await statusBecomes(bot, '/readyz', 503)).toBe(503);
    const notReady = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not ready', store: 'unavailable' });
    expect(notReady.headers.get('retry-after')).not.toBeNull();
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${bot.port}/readyz`, { method: 'HEAD' })).status).toBe(503);

    redis = await startRedisServer(port);
    expect(await statusBecomes(bot, '/readyz', 200)).toBe(200);
    expect((await fetch(`http://127.0.0.1:${bot.port}/readyz`, { method: 'HEAD' })).status).toBe(200);
    expect(bot.exitCode).toBeNull();
  }, 60_000);
});
