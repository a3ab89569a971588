import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLog } from '../../src/learning/eventLog';
import { FileStorage } from '../../src/storage/fileStorage';
import { BotProcess } from './botProcess';

/** Keep-alive connections held open against the bot. */
const CONNECTIONS = 6;
/** Turns each connection runs before the signal. */
const TURNS_BEFORE = 5;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'icp-shutdown-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An activity the bot cannot answer: each turn records exactly one question in the learning log. */
function activity(connection: number, turn: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      type: 'message',
      text: `purple monkey dishwasher ${connection} ${turn}`,
      locale: 'en-US',
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9',
      deliveryMode: 'expectReplies',
      conversation: { id: `shutdown-${connection}` },
      from: { id: `user-${connection}` },
      recipient: { id: 'bot' },
    }),
  );
}

/** Starts a POST of `body` over `agent`, writing only its first `sent` bytes; the caller writes the rest. */
function startPost(agent: Agent, port: number, body: Buffer, sent: number): { req: ClientRequest; answer: Promise<IncomingMessage & { text: string }> } {
  let req!: ClientRequest;
  const answer = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/messages', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve(Object.assign(res, { text })));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, sent));
  if (sent >= body.length) req.end();
  return { req, answer };
}

it('answers the requests in flight with Connection: close, flushes the learning log and exits 0 on SIGTERM', async () => {
  const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir, SHUTDOWN_TIMEOUT_MS: '5000' });
  await bot.start();
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let answered = 0;
  try {
    // Warm keep-alive connections, each a conversation of its own.
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, connection) => {
        for (let turn = 0; turn < TURNS_BEFORE; turn++) {
          const res = await startPost(agent, bot.port, activity(connection, turn), Infinity).answer;
          expect(res.statusCode).toBe(200);
          answered += 1;
        }
      }),
    );
    // One request in flight on every connection: the server has its headers and half its body.
    const inFlight = Array.from({ length: CONNECTIONS }, (_, connection) => {
      const body = activity(connection, TURNS_BEFORE);
      return { body, ...startPost(agent, bot.port, body, body.length >> 1) };
    });
    await new Promise((r) => setTimeout(r, 200));
    const exited = bot.stop('SIGTERM');
    for (let i = 0; i < 100 && !bot.output.join('').includes('SIGTERM'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(bot.output.join('')).toContain('SIGTERM');
    for (const { req, body } of inFlight) req.end(body.subarray(body.length >> 1));
    const answers = await Promise.all(inFlight.map(({ answer }) => answer));
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('close');
      answered += 1;
    }
    expect(await exited).toBe(0);
  } finally {
    agent.destroy();
    await bot.stop('SIGKILL');
  }
  const log = new EventLog({ storage: new FileStorage({ directory: dir }), salt: '', retentionDays: 30, log: () => undefined });
  const { events } = await log.read(new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000));
  expect(events.filter((event) => event.type === 'question')).toHaveLength(answered);
});
