import { BotProcess } from './botProcess';

/*
 * `npm start` with no settings: the real built server (node dist/src/index.js) starts the agent desk
 * with an account made up for the run and printed once in the log, so "Talk to a person" leads to
 * a person; in production mode (NODE_ENV=production) nothing of the kind happens. The fallback offers a
 * person only where someone can answer.
 */

interface Said {
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
}

/** The replies to `text`, with their buttons (expectReplies). */
async function say(bot: BotProcess, conversation: string, text: string): Promise<Said[]> {
  const { status, replies } = await bot.say(conversation, text);
  expect(status).toBe(200);
  return replies as Said[];
}

const buttons = (replies: Said[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
const texts = (replies: Said[]) => replies.map((r) => r.text ?? '').join('\n');

const LOCAL_DESK_LINE = /the agent desk is on http:\/\/localhost:\d+\/agent for this run; sign in as \\?"(\w+)\\?" with the password ([A-Za-z]+)/;

describe('the bot started with no settings (local use)', () => {
  const bot = new BotProcess({ STORAGE: 'memory' });
  let name = '';
  let password = '';

  beforeAll(async () => {
    await bot.start();
    const line = bot.output.join('').match(LOCAL_DESK_LINE);
    if (!line) throw new Error(`no desk account in the log: ${bot.output.join('')}`);
    [, name, password] = line;
  }, 30_000);
  afterAll(() => bot.stop());

  const basic = () => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });

  it('prints a made-up agent account once in the log', () => {
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(bot.output.join('').split(password)).toHaveLength(2);
  });

  it('serves the desk, which takes that account and no other', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/agent`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${bot.port}/agent/api/me`, { headers: basic() })).status).toBe(200);
    const wrong = { authorization: `Basic ${Buffer.from(`${name}:not-the-password-at-all`).toString('base64')}` };
    expect((await fetch(`http://127.0.0.1:${bot.port}/agent/api/me`, { headers: wrong })).status).toBe(401);
  });

  it('hands a user who asks for a person to the desk, where the agent sees the question', async () => {
    await say(bot, 'local-handoff', 'how long does an ICP filing take');
    expect(texts(await say(bot, 'local-handoff', 'talk to a person'))).toMatch(/Shall I connect you/);
    expect(texts(await say(bot, 'local-handoff', 'Yes, connect me'))).toMatch(/in the queue for a person/);
    const queue = (await (await fetch(`http://127.0.0.1:${bot.port}/agent/api/cases`, { headers: basic() })).json()) as { cases: { preview: string }[] };
    expect(queue.cases.map((c) => c.preview)).toContain('how long does an ICP filing take');
  });

  it('offers a person in the fallback, since someone can answer', async () => {
    const fallback = await say(bot, 'local-fallback', 'what is the best pizza topping');
    expect(buttons(fallback)).toContain('Talk to a person');
  });
});

describe('the bot in production mode with no handoff settings', () => {
  const bot = new BotProcess({ STORAGE: 'memory', NODE_ENV: 'production' });

  beforeAll(() => bot.start(), 30_000);
  afterAll(() => bot.stop());

  it('starts no desk and prints no account', async () => {
    expect(bot.output.join('')).not.toMatch(/agent desk|password/i);
    expect((await fetch(`http://127.0.0.1:${bot.port}/agent`)).status).toBe(404);
  });

  it('says nobody is connected when asked for a person, and its fallback offers none', async () => {
    expect(texts(await say(bot, 'prod-person', 'talk to a person'))).toMatch(/No customer-service agent is connected/);
    const fallback = await say(bot, 'prod-fallback', 'what is the best pizza topping');
    expect(texts(fallback)).toMatch(/Sorry, I don't have an answer to that/);
    expect(texts(fallback)).not.toMatch(/ask for a person/);
    expect(buttons(fallback)).toEqual(['Check my situation']);
  });
});

describe('the bot with HANDOFF=off outside production', () => {
  const bot = new BotProcess({ STORAGE: 'memory', HANDOFF: 'off' });

  beforeAll(() => bot.start(), 30_000);
  afterAll(() => bot.stop());

  it('keeps the explicit choice: no desk', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/agent`)).status).toBe(404);
    expect(bot.output.join('')).not.toMatch(/password/i);
  });
});
