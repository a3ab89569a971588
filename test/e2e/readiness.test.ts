import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

/** A real server whose /readyz asks `ready`; its base URL and what it logged. */
async function start(ready?: () => Promise<void>) {
  const lines: string[] = [];
  const server: Server = buildServer(testConfig(), testBotApp(), (level, message) => lines.push(`${level} ${message}`), ready);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, lines, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('GET /readyz', () => {
  it('is 200 when no check is given', async () => {
    const bot = await start();
    try {
      const res = await fetch(`${bot.base}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready' });
    } finally {
      await bot.stop();
    }
  });

  it('is 503 with Retry-After while the check fails, says nothing of why, logs it once, and is 200 again after', async () => {
    let failing = true;
    const bot = await start(async () => {
      if (failing) throw new Error('check(): Redis at redis://secret-host does not answer');
    });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${bot.base}/readyz`);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toEqual({ status: 'not ready', store: 'unavailable' });
      }
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
      expect(bot.lines.filter((line) => line.startsWith('warn readiness'))).toHaveLength(1);
      failing = false;
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      expect(bot.lines.filter((line) => line.startsWith('info readiness'))).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it('is 503 when the check does not answer in time', async () => {
    const bot = await start(() => new Promise<void>(() => undefined));
    try {
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(503);
    } finally {
      await bot.stop();
    }
  });
});
