import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../helpers';

const root = join(__dirname, '..', '..');

export { freePort };

/** A reply as the bot returns it with deliveryMode expectReplies. */
export interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** The real bot, `node dist/src/index.js`, in a process of its own on a free port. */
export class BotProcess {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];
  exitCode: number | null = null;
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.exitCode === null ? this.child?.pid : undefined;
  }

  /** Starts the process and waits until /healthz answers (at most `timeoutMs`). */
  async start(timeoutMs = 15_000): Promise<void> {
    this.port = this.port || (await freePort());
    this.exitCode = null;
    const child = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d) => this.output.push(String(d)));
    child.stderr?.on('data', (d) => this.output.push(String(d)));
    child.on('exit', (code) => {
      this.exitCode = code;
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exitCode !== null) throw new Error(`bot exited with ${this.exitCode}: ${this.output.join('')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`bot did not become healthy: ${this.output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a message in a conversation and returns the replies (expectReplies). */
  async say(conversation: string, text: string, locale = 'en-US', user = `user-${conversation}`): Promise<{ status: number; replies: Reply[] }> {
    const res = await this.postMessage(conversation, text, { locale, user, serviceUrl: 'http://127.0.0.1:9', expectReplies: true });
    const body = res.status === 200 ? ((await res.json()) as { activities?: Reply[] }) : {};
    return { status: res.status, replies: body.activities ?? [] };
  }

  /** Posts a message the way a channel does, replies going to `serviceUrl` rather than into the response; resolves to the HTTP status. */
  async postToChannel(conversation: string, text: string, serviceUrl: string): Promise<number> {
    const res = await this.postMessage(conversation, text, { locale: 'en-US', user: `user-${conversation}`, serviceUrl, expectReplies: false });
    await res.arrayBuffer();
    return res.status;
  }

  private postMessage(conversation: string, text: string, how: { locale: string; user: string; serviceUrl: string; expectReplies: boolean }): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${conversation}-${Date.now()}-${Math.random()}`,
        text,
        locale: how.locale,
        channelId: 'webchat',
        serviceUrl: how.serviceUrl,
        ...(how.expectReplies ? { deliveryMode: 'expectReplies' } : {}),
        conversation: { id: conversation },
        from: { id: how.user },
        recipient: { id: 'bot' },
      }),
    });
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}

/** The texts of replies, and the JSON of their cards, as one string per reply. */
export function replyTexts(replies: Reply[]): string[] {
  return replies.map((r) => r.text ?? JSON.stringify(r.attachments?.map((a) => a.content) ?? []));
}
