import { TestAdapter, type Activity } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';

/** Drives a bot turn by turn through botbuilder's TestAdapter and returns each turn's replies. */
export class TestConversation {
  readonly adapter: TestAdapter;
  /** Errors the turn-error path saw. */
  readonly errors: Error[] = [];

  constructor(
    bot: ActivityHandler,
    locale?: string,
    private readonly channelId?: string,
  ) {
    this.adapter = new TestAdapter(async (context) => bot.run(context));
    this.adapter.onTurnError = async (_context, error) => {
      this.errors.push(error);
    };
    if (locale !== undefined) this.adapter.locale = locale;
  }

  /** Sends a message (text or a partial activity) and returns the bot's replies; a turn error fails the call. */
  async say(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const base = { ...this.adapter.makeActivity(typeof input === 'string' ? input : undefined), ...(this.channelId ? { channelId: this.channelId } : {}) };
    const activity = typeof input === 'string' ? base : { ...base, ...input };
    const before = this.errors.length;
    await this.adapter.processActivity(activity);
    if (this.errors.length > before) throw this.errors[this.errors.length - 1];
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends a message and returns the replies' texts. */
  async texts(input: string | Partial<Activity>): Promise<string[]> {
    return (await this.say(input)).map((a) => a.text ?? '');
  }

  /** The suggested-action titles of a reply. */
  static buttons(reply: Partial<Activity> | undefined): string[] {
    return (reply?.suggestedActions?.actions ?? []).map((a) => a.title);
  }
}
