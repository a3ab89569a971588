import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, freePort, replyTexts } from './botProcess';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bot-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The answers of one eligibility check, and what each should bring next. */
const CHECK: [string, RegExp][] = [
  ['check my situation', /Where is the server/],
  ['mainland', /Who will own the filing/],
  ['me, as an individual', /What will the site offer/],
  ['a blog', /identity card/],
  ['hunan', /live now/],
  ['guangdong', /accept applications/],
];

describe('embedded file store (STORAGE=file) with the real process', () => {
  it('continues an eligibility check after the process is killed with SIGKILL', async () => {
    const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir });
    await bot.start();
    try {
      for (const [text, next] of CHECK.slice(0, 4)) expect(replyTexts((await bot.say('kill-test', text)).replies).join('\n')).toMatch(next);
      expect(await bot.stop('SIGKILL')).toBeNull();
      await bot.start();
      for (const [text, next] of CHECK.slice(4)) expect(replyTexts((await bot.say('kill-test', text)).replies).join('\n')).toMatch(next);
      // The answers before the kill are still there: "back" returns to the province question, not to the start.
      expect(replyTexts((await bot.say('kill-test', 'back')).replies).join('\n')).toMatch(/live now/);
    } finally {
      await bot.stop('SIGKILL');
    }
  });

  it('gives the same result as a run without a restart', async () => {
    const answers = ['check my situation', 'HK', 'yes', 'me, as an individual', 'zhejiang', 'zhejiang', 'yes', 'yes', 'a blog', '1', 'no', 'no'];
    const run = async (restartAfter?: number) => {
      const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: mkdtempSync(join(dir, 'run-')) });
      await bot.start();
      let last: string[] = [];
      try {
        for (const [i, text] of answers.entries()) {
          last = replyTexts((await bot.say('same-result', text)).replies);
          if (last.some((t) => t.includes('AdaptiveCard'))) break;
          if (i === restartAfter) {
            await bot.stop('SIGKILL');
            await bot.start();
          }
        }
      } finally {
        await bot.stop('SIGKILL');
      }
      return last.join('\n');
    };
    const uninterrupted = await run();
    expect(uninterrupted).toMatch(/AdaptiveCard/);
    expect(await run(4)).toBe(uninterrupted);
  });

  it('on SIGTERM finishes the turn in flight, saves its state, and exits 0', async () => {
    // A connector that answers slowly keeps the turn in flight while the signal arrives.
    let delivered = 0;
    const connector: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          delivered += 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id":"1"}');
        }, 800),
      );
    });
    const connectorPort = await freePort();
    await new Promise<void>((r) => connector.listen(connectorPort, '127.0.0.1', r));
    const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir });
    await bot.start();
    try {
      const inFlight = fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: 'm1', text: 'check my situation', locale: 'en-US', channelId: 'webchat',
          serviceUrl: `http://127.0.0.1:${connectorPort}`, conversation: { id: 'sigterm' }, from: { id: 'u' }, recipient: { id: 'bot' },
        }),
      });
      await new Promise((r) => setTimeout(r, 300));
      const exited = bot.stop('SIGTERM');
      expect((await inFlight).status).toBe(200);
      expect(await exited).toBe(0);
      expect(delivered).toBe(1);
      expect(bot.output.join('')).toMatch(/SIGTERM: finishing turns in flight/);
      await bot.start();
      expect(replyTexts((await bot.say('sigterm', 'HK')).replies).join('\n')).toMatch(/CDN/);
    } finally {
      await bot.stop('SIGKILL');
      connector.close();
    }
  });

  it('restarts only the conversation whose state file is corrupt', async () => {
    const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir });
    await bot.start();
    try {
      await bot.say('healthy', 'check my situation');
      await bot.say('broken', 'check my situation');
      await bot.stop('SIGKILL');
      // Damage the broken conversation's file (the one that mentions its key).
      const files = readdirSync(dir).filter((f) => readFileSync(join(dir, f), 'utf8').includes('conversations/broken'));
      expect(files).toHaveLength(1);
      writeFileSync(join(dir, files[0]), '{"this is not":');
      await bot.start();
      const broken = replyTexts((await bot.say('broken', 'HK')).replies);
      expect(broken[0]).toMatch(/start it over/);
      const healthy = replyTexts((await bot.say('healthy', 'HK')).replies);
      expect(healthy.join('\n')).toMatch(/CDN/);
    } finally {
      await bot.stop('SIGKILL');
    }
  });
});
