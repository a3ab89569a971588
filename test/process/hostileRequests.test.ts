import { readdirSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { BotProcess } from './botProcess';

/** Sends raw bytes; resolves with what came back once the server closed the connection, or rejects when nothing closes it. */
function exchange(port: number, request: string | Buffer, patienceMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += String(chunk)));
    socket.on('end', () => {
      socket.end();
      resolve(data);
    });
    socket.on('error', reject);
    socket.setTimeout(patienceMs, () => socket.destroy(new Error(`the server neither answered nor closed (got ${JSON.stringify(data.slice(0, 80))})`)));
  });
}

/** The sockets the process has open. */
function openSockets(pid: number): number {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count += 1;
    } catch {
      // closed while we looked
    }
  }
  return count;
}

/** Waits until `condition` holds, checking every 100 ms; gives up after `attempts` checks. */
async function eventually(condition: () => boolean, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describe('hostile requests against the real process', () => {
  const bot = new BotProcess({ STORAGE: 'memory', LOG_LEVEL: 'warn' });
  // A request that kills the process fails its own test, not the ones after it.
  beforeEach(async () => {
    if (bot.pid === undefined) await bot.start();
  });
  afterAll(() => bot.stop('SIGKILL'));

  it.each(['/api/messages', '/api/assess', '/v3/directline/conversations', '/agent/api/login', '/no/such/path', '/'])(
    'answers a body that says gzip but is not with a 4xx on %s, and stays up',
    async (path) => {
      const res = await fetch(`http://127.0.0.1:${bot.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'hello',
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
      expect(bot.exitCode).toBeNull();
    },
  );

  it('answers upgrade requests outside Direct Line with 400 and closes their sockets', async () => {
    const pid = bot.pid as number;
    const before = openSockets(pid);
    const request = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${bot.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => exchange(bot.port, request)));
    for (const answer of answers) expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    // Every socket of those requests is gone from the process, not left half-closed.
    expect(await eventually(() => openSockets(pid) <= before)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
  });
});
