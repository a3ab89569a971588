import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { startRedisServer, type PrivateRedisServer } from '../storage/redisServer';
import { BotProcess, replyTexts } from './botProcess';

const SHARED_REDIS = 'redis://127.0.0.1:6379';

/** Two bot processes sharing one Redis under a prefix of their own. */
async function twoBots(url: string, prefix: string): Promise<[BotProcess, BotProcess]> {
  // Every request comes from 127.0.0.1 without a channel token: lift the per-address limit this load is not about.
  // Nor is it about a person: no local desk (started when HANDOFF is unset), whose transcript every turn would save too.
  const env = { STORAGE: 'redis', REDIS_URL: url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000', HANDOFF: 'off' };
  const bots: [BotProcess, BotProcess] = [new BotProcess(env), new BotProcess(env)];
  await Promise.all(bots.map((b) => b.start()));
  return bots;
}

async function cleanUp(prefix: string): Promise<void> {
  const client = new Redis(SHARED_REDIS);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** The ten messages of one conversation: a short eligibility check, with the result on the last. */
const TEN_TURNS = ['hello', 'check my situation', 'mainland', 'An organisation registered in mainland China', 'a blog', 'zhejiang', 'why?', 'thanks', 'what is an icp filing', 'hello'];

describe('Redis store (STORAGE=redis) with two real bot processes', () => {
  const prefix = `icp-bot-test:${process.pid}:${Date.now()}:`;
  let bots: [BotProcess, BotProcess];

  beforeAll(async () => {
    bots = await twoBots(SHARED_REDIS, prefix);
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop('SIGTERM')));
    await cleanUp(prefix);
  });

  it('continues one conversation turn by turn across both instances', async () => {
    const seen: string[] = [];
    for (const [i, text] of TEN_TURNS.entries()) {
      const { status, replies } = await bots[i % 2].say('alternating', text);
      expect(status).toBe(200);
      seen.push(replyTexts(replies).join('\n'));
    }
    expect(seen[2]).toMatch(/Who will own the filing/);
    expect(seen[3]).toMatch(/What will the site offer/);
    expect(seen[4]).toMatch(/business licence/);
    expect(seen[5]).toMatch(/Your ICP filing check|Zhejiang/);
  });

  it('keeps 200 conversations × 10 turns spread over both instances, none lost', async () => {
    const conversations = Array.from({ length: 200 }, (_, i) => `bulk-${i}`);
    const lastReplies = new Map<string, string>();
    // 20 conversations at a time, each turn on the instance its number and turn pick.
    for (let start = 0; start < conversations.length; start += 20) {
      await Promise.all(
        conversations.slice(start, start + 20).map(async (id, offset) => {
          for (const [turn, text] of TEN_TURNS.entries()) {
            const { status, replies } = await bots[(start + offset + turn) % 2].say(id, text);
            if (status !== 200) throw new Error(`${id} turn ${turn}: HTTP ${status}`);
            lastReplies.set(id, replyTexts(replies).join('\n'));
          }
        }),
      );
    }
    const store = new RedisStorage({ url: SHARED_REDIS, keyPrefix: prefix });
    try {
      const keys = conversations.map((id) => `webchat/conversations/${id}/`);
      const items = await store.read(keys);
      expect(Object.keys(items)).toHaveLength(200);
      for (const key of keys) expect(items[key].messageCount).toBe(TEN_TURNS.length);
      const afterTen = new Set(lastReplies.values());
      expect(afterTen.size).toBe(1);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('loses neither of the first two turns of 100 new conversations that arrive at both instances at once', async () => {
    const conversations = Array.from({ length: 100 }, (_, i) => `first-turns-${i}`);
    const afterwards = new Map<string, string>();
    for (let start = 0; start < conversations.length; start += 20) {
      await Promise.all(
        conversations.slice(start, start + 20).map(async (id, offset) => {
          const first = (start + offset) % 2;
          // Neither instance has state for this conversation yet: both turns start from nothing.
          const turns = await Promise.all([bots[first].say(id, 'check my situation'), bots[1 - first].say(id, 'hello')]);
          for (const { status } of turns) if (status !== 200) throw new Error(`${id}: HTTP ${status}`);
          afterwards.set(id, replyTexts((await bots[first].say(id, 'mainland')).replies).join('\n'));
        }),
      );
    }
    const forgotTheCheck = conversations.filter((id) => !/Who will own the filing/.test(afterwards.get(id) ?? ''));
    expect(forgotTheCheck).toEqual([]);
    const store = new RedisStorage({ url: SHARED_REDIS, keyPrefix: prefix });
    try {
      const items = await store.read(conversations.map((id) => `webchat/conversations/${id}/`));
      const counts = conversations.map((id) => items[`webchat/conversations/${id}/`]?.messageCount);
      expect(counts.filter((count) => count !== 3)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('loses no update when turns of one conversation arrive at both instances at once', async () => {
    const turns = 20;
    await bots[0].say('concurrent', 'hello');
    await Promise.all(Array.from({ length: turns - 1 }, (_, i) => bots[i % 2].say('concurrent', `hello ${i}`)));
    const store = new RedisStorage({ url: SHARED_REDIS, keyPrefix: prefix });
    try {
      const items = await store.read(['webchat/conversations/concurrent/']);
      expect(items['webchat/conversations/concurrent/'].messageCount).toBe(turns);
    } finally {
      await store.close();
    }
  });
});

describe('Redis stopped and started during a conversation', () => {
  let redis: PrivateRedisServer | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await redis?.stop();
  });

  it('apologises while Redis is down and continues where it was once it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redis-data-'));
    redis = await startRedisServer(undefined, dataDir);
    const port = redis.port;
    bot = new BotProcess({ STORAGE: 'redis', REDIS_URL: redis.url, LOG_LEVEL: 'warn' });
    await bot.start();
    expect(replyTexts((await bot.say('outage', 'check my situation')).replies).join('\n')).toMatch(/Where is the server/);
    await redis.stop();
    const during = await bot.say('outage', 'HK');
    expect(during.status).toBe(200);
    expect(replyTexts(during.replies)).toEqual([expect.stringMatching(/can't reach my memory/)]);
    const zh = await bot.say('outage-zh', '你好', 'zh-CN');
    expect(replyTexts(zh.replies)).toEqual([expect.stringMatching(/暂时无法读取对话记录/)]);
    redis = await startRedisServer(port, dataDir);
    // Same bot process, no restart: once it reconnects, the check goes on from the question it had asked.
    let after: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      after = replyTexts((await bot.say('outage', 'HK')).replies);
      if (!after.join('').includes("can't reach")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(after.join('\n')).toMatch(/CDN/);
    expect(bot.exitCode).toBeNull();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
