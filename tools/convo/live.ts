import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { DirectLineSession } from './directLineSession.js';
import { expandConvo } from './expand.js';
import type { ConvoResult } from './result.js';
import { runExpansion } from './runner.js';
import type { BotTransport } from './transport.js';
import type { Convo, Expansion } from './types.js';

/** Where the live runner finds the bot, and how long it waits. */
export const LiveOptions = z.object({
  /** Direct Line base URL: http://localhost:3978/v3/directline, or Azure's https://directline.botframework.com/v3/directline. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// Direct Line URL' }),
  /** The Direct Line secret, when the endpoint has one. */
  secret: z.string().min(1).optional(),
  /** Longest wait for each expected bot message. */
  timeoutMs: z.number().int().positive(),
});
export type LiveOptions = z.infer<typeof LiveOptions>;

/** Runs every expansion of a convo over Direct Line, each in a new conversation. */
export async function runScriptLive(convo: Convo, options: LiveOptions): Promise<ConvoResult[]> {
  const checked = LiveOptions.parse(options);
  const results: ConvoResult[] = [];
  for (const expansion of expandConvo(convo)) results.push(await runExpansionLive(expansion, checked));
  return results;
}

/** Runs one expansion over Direct Line in a new conversation. */
export async function runExpansionLive(expansion: Expansion, options: LiveOptions): Promise<ConvoResult> {
  return runExpansion(expansion, new LiveTransport(LiveOptions.parse(options)));
}

/** A Direct Line conversation as the runner's transport: each expected message is waited for up to the timeout. */
class LiveTransport implements BotTransport {
  readonly waits: string;
  private session: DirectLineSession | undefined;
  private readonly read = new Set<Partial<Activity>>();

  constructor(private readonly options: LiveOptions) {
    this.waits = ` within ${options.timeoutMs} ms`;
  }

  async open(): Promise<void> {
    this.session = new DirectLineSession(this.options);
  }

  async send(activity: Partial<Activity>): Promise<void> {
    await this.connected().post(activity);
  }

  async next(): Promise<Partial<Activity> | undefined> {
    const session = this.connected();
    const turn = session.turn;
    const message = await session.waitFor(() => session.messages(turn).find((m) => !this.read.has(m)), this.options.timeoutMs);
    if (!message && !session.connected) throw new Error(`Direct Line at ${this.options.url}: not connected after ${this.options.timeoutMs} ms (is the bot running, the URL right, the secret needed?)`);
    if (message) this.read.add(message);
    return message;
  }

  async find(accept: (message: Partial<Activity>) => boolean): Promise<Partial<Activity> | undefined> {
    const session = this.connected();
    const turn = session.turn;
    return session.waitFor(() => [...session.messages(turn)].reverse().find(accept), this.options.timeoutMs);
  }

  async close(): Promise<void> {
    this.session?.end();
  }

  private connected(): DirectLineSession {
    if (!this.session) throw new Error('LiveTransport: open() first');
    return this.session;
  }
}
