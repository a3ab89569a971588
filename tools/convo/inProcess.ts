import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { buildBotApp, buildCore, type BotApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { expandConvo } from './expand.js';
import { isBotMessage } from './message.js';
import type { ConvoResult } from './result.js';
import { runExpansion } from './runner.js';
import type { BotTransport } from './transport.js';
import type { Convo, Expansion } from './types.js';

/** What the in-process runner needs: a fresh bot app for every conversation. */
export interface InProcessOptions {
  app: () => BotApp;
}

/** Runs every expansion of a convo in process, each on a fresh bot app. */
export async function runScriptInProcess(convo: Convo, options: InProcessOptions): Promise<ConvoResult[]> {
  const results: ConvoResult[] = [];
  for (const expansion of expandConvo(convo)) results.push(await runExpansionInProcess(expansion, options));
  return results;
}

/** Runs one expansion in process on a fresh bot app. */
export async function runExpansionInProcess(expansion: Expansion, options: InProcessOptions): Promise<ConvoResult> {
  return runExpansion(expansion, new InProcessTransport(options.app()));
}

/**
 * Fresh bot apps on memory storage, all sharing one knowledge base, recognizer and strings (built
 * on the first call), for running scripts outside the tests.
 */
export function freshBotApps(config: Config, log: Logger): () => BotApp {
  let core: ReturnType<typeof buildCore> | undefined;
  return () => {
    core ??= buildCore(config);
    return buildBotApp(config, { storage: new MemoryStorage(), log, core });
  };
}

/**
 * The bot driven through botbuilder's TestAdapter: a turn's replies are all there when
 * processActivity resolves. Messages carry no locale, as from a channel that sends none.
 */
class InProcessTransport implements BotTransport {
  readonly waits = '';
  private readonly adapter: TestAdapter;
  private turn: Partial<Activity>[] = [];
  private unread: Partial<Activity>[] = [];

  constructor(app: BotApp) {
    this.adapter = new TestAdapter(async (context) => app.bot.run(context));
  }

  async open(): Promise<void> {
    const { user, bot } = this.adapter.conversation;
    if (!user || !bot) throw new Error('InProcessTransport: the TestAdapter conversation has no user or bot');
    await this.process({ type: 'conversationUpdate', membersAdded: [user], from: user, recipient: bot });
  }

  async send(activity: Partial<Activity>): Promise<void> {
    await this.process({ ...activity, ...(this.adapter.conversation.user ? { from: this.adapter.conversation.user } : {}) });
  }

  async next(): Promise<Partial<Activity> | undefined> {
    return this.unread.shift();
  }

  async find(accept: (message: Partial<Activity>) => boolean): Promise<Partial<Activity> | undefined> {
    return [...this.turn].reverse().find(accept);
  }

  async close(): Promise<void> {
    this.adapter.activeQueue.splice(0);
  }

  private async process(activity: Partial<Activity>): Promise<void> {
    this.turn = [];
    this.unread = [];
    await this.adapter.processActivity(activity);
    this.turn = this.adapter.activeQueue.splice(0).filter(isBotMessage);
    this.unread = [...this.turn];
  }
}
