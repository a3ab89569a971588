import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, freePort, replyTexts } from './botProcess';

/** A reply the bot posted to the channel, and how the channel answered it. */
interface Delivered {
  conversation: string;
  text: string;
  status: number;
}

/**
 * A channel, as the Bot Connector is for the bot: it takes replies at
 * `POST /v3/conversations/{id}/activities/{replyToId}`. `refuseNext` makes it answer the next reply
 * of a conversation with 400, as a channel does with a reply it cannot show.
 */
class Channel {
  readonly delivered: Delivered[] = [];
  private readonly refusing = new Set<string>();
  private readonly server: HttpServer = createHttpServer((req, res) => void this.answer(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('Channel.start(): no address');
    return `http://127.0.0.1:${address.port}`;
  }

  refuseNext(conversation: string): void {
    this.refusing.add(conversation);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const conversation = decodeURIComponent(/\/v3\/conversations\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '');
    const activity = JSON.parse(body || '{}') as { text?: string };
    const status = this.refusing.delete(conversation) ? 400 : 200;
    this.delivered.push({ conversation, text: activity.text ?? '', status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { id: `reply-${this.delivered.length}` } : { error: { code: 'BadArgument', message: 'the channel refuses this reply' } }));
  }
}

/** Whether the process still answers /healthz. */
async function healthy(bot: BotProcess): Promise<boolean> {
  return bot.exitCode === null && (await fetch(`http://127.0.0.1:${bot.port}/healthz`)).ok;
}

describe('replies the channel does not take (real bot process, file store)', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'channel-replies-'));
  const channel = new Channel();
  /** Accepts connections and never answers, as a hung channel does. */
  const silent: TcpServer = createTcpServer((socket) => sockets.push(socket));
  const sockets: Socket[] = [];
  let channelUrl: string;
  let silentUrl: string;
  let bot: BotProcess;

  beforeAll(async () => {
    channelUrl = await channel.start();
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: stateDir, LOG_LEVEL: 'warn' });
    await bot.start();
  }, 30_000);

  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await channel.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps the saved result when the channel refuses its reply with 400, so "why?" explains it', async () => {
    const id = 'refused-result';
    expect((await bot.say(id, 'check my situation')).status).toBe(200);
    expect((await bot.say(id, 'HK')).status).toBe(200);
    channel.refuseNext(id);
    const status = await bot.postToChannel(id, 'no', channelUrl);
    // The channel refused the result and took the apology that followed.
    expect(channel.delivered.filter((d) => d.conversation === id).map((d) => d.status)).toEqual([400, 200]);
    const why = replyTexts((await bot.say(id, 'why?')).replies).join('\n');
    expect(why).not.toMatch(/There is no check result/);
    expect(why).toMatch(/CDN/);
    expect(status).toBe(502);
  });

  it('ends the turn with an error response when serviceUrl is a closed port, stays up and keeps the turn', async () => {
    const id = 'closed-port';
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await bot.postToChannel(id, 'check my situation', closed)).toBe(502);
    expect(await healthy(bot)).toBe(true);
    expect(replyTexts((await bot.say(id, 'mainland')).replies).join('\n')).toMatch(/Who will own the filing/);
  });

  it('ends the turn with an error response when serviceUrl accepts and never answers, stays up and keeps the turn', async () => {
    const id = 'silent-channel';
    expect(await bot.postToChannel(id, 'check my situation', silentUrl)).toBe(502);
    expect(await healthy(bot)).toBe(true);
    expect(replyTexts((await bot.say(id, 'mainland')).replies).join('\n')).toMatch(/Who will own the filing/);
  });
});
