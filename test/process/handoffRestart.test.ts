import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, type Reply } from './botProcess';

const AGENT = { authorization: `Basic ${Buffer.from('alice:alice-secret-123').toString('base64')}` };

/** Stands in for a channel's connector service: takes the activities the bot sends to serviceUrl. */
class FakeChannel {
  readonly received: Reply[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      readBody(req).then((body) => {
        if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) this.received.push(JSON.parse(body) as Reply);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${this.received.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async waitFor(pattern: RegExp, what: string): Promise<Reply> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.received.find((a) => pattern.test(a.text ?? ''));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`FakeChannel: no ${what}; got ${JSON.stringify(this.received.map((a) => a.text))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

let dir: string;
let bot: BotProcess;
const channel = new FakeChannel();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handoff-restart-'));
  await channel.start();
  bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir, HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123', LOG_LEVEL: 'warn' });
  await bot.start();
}, 30_000);

afterAll(async () => {
  await bot.stop('SIGKILL');
  await channel.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A user's message as the channel posts it: replies come back in the response, the agent's later to the channel. */
async function userSays(text: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${Date.now()}-${Math.random()}`,
      text,
      locale: 'en-US',
      channelId: 'webchat',
      serviceUrl: channel.url,
      deliveryMode: 'expectReplies',
      conversation: { id: 'restart-conversation' },
      from: { id: 'restart-user', name: 'Ming' },
      recipient: { id: 'bot' },
    }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities?: Reply[] };
  return (body.activities ?? []).map((a) => a.text ?? '');
}

async function agentCall(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${bot.port}${path}`, {
    method,
    headers: { ...AGENT, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the agent desk across a restart of the bot process (STORAGE=file)', () => {
  it('loses nothing between the claim and the reply', async () => {
    await userSays('what is the capital of Mars');
    await userSays('talk to a person');
    expect((await userSays('Yes, connect me'))[0]).toMatch(/number 1/);
    const { json: queue } = await agentCall('GET', '/agent/api/cases');
    const [open] = queue.cases as { id: string }[];
    expect((await agentCall('POST', `/agent/api/cases/${open.id}/claim`)).json.delivered).toBe(true);
    await channel.waitFor(/alice from our support team has joined/, 'the claim notice');

    // The process dies at once (no graceful shutdown) and comes back on the same store.
    await bot.stop('SIGKILL');
    await bot.start();

    const reply = await agentCall('POST', `/agent/api/cases/${open.id}/messages`, { text: 'Hi Ming, how can I help?' });
    expect(reply).toEqual({ status: 200, json: { delivered: true } });
    await channel.waitFor(/\*\*alice \(support\):\*\* Hi Ming, how can I help\?/, 'the agent message after the restart');

    // The user's next message goes to the agent, not to the bot.
    expect(await userSays('my licence is from Zhejiang')).toEqual([]);
    const { json: detail } = await agentCall('GET', `/agent/api/cases/${open.id}`);
    const deskCase = detail.case as { status: string; agent: string; caseFile: { transcript: { text: string }[]; lastUnanswered: { text: string }; userName: string }; messages: { from: string; text: string }[] };
    expect(deskCase.status).toBe('active');
    expect(deskCase.agent).toBe('alice');
    expect(deskCase.caseFile.userName).toBe('Ming');
    expect(deskCase.caseFile.lastUnanswered.text).toBe('what is the capital of Mars');
    expect(deskCase.caseFile.transcript.map((l) => l.text)).toEqual(expect.arrayContaining(['what is the capital of Mars', 'talk to a person', 'Yes, connect me']));
    expect(deskCase.messages.map((m) => `${m.from}: ${m.text}`)).toEqual(['agent: Hi Ming, how can I help?', 'user: my licence is from Zhejiang']);

    expect((await agentCall('POST', `/agent/api/cases/${open.id}/end`)).status).toBe(200);
    await channel.waitFor(/alice has ended the conversation/, 'the end notice');
    expect((await userSays('bbs filing'))[0]).toMatch(/BBS|forum/i);
  }, 60_000);
});
