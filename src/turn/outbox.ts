import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

/**
 * Holds a turn's replies until its state is saved, so a turn that fails to save (store down, or
 * an eTag conflict that makes the turn run again) never leaves the user with answers the bot has
 * forgotten. Trace activities are dropped outside the Emulator: runDialog sends a memory snapshot
 * every turn, which over expectReplies would hand every client a dump of its own state.
 */
export class Outbox {
  private held: Partial<Activity>[] = [];
  private holding = true;

  constructor(private readonly context: TurnContext) {
    const keepTraces = context.activity.channelId === 'emulator';
    context.onSendActivities(async (_context, activities, next) => {
      const kept = keepTraces ? activities : activities.filter((activity) => activity.type !== 'trace');
      if (this.holding) {
        this.held.push(...kept.map((activity) => ({ ...activity })));
        return activities.map((): ResourceResponse => ({ id: '' }));
      }
      if (kept.length === 0) return [];
      activities.splice(0, activities.length, ...kept);
      return next();
    });
  }

  /** Forgets what this attempt of the turn wanted to send (it will run again). */
  discard(): void {
    this.held = [];
  }

  /** Drops what is held and lets everything through from now on (the error handler speaks next). */
  release(): void {
    this.held = [];
    this.holding = false;
  }

  /**
   * Sends what is held, in order, and lets later sends through.
   *
   * @throws RepliesUndeliveredError when the channel refuses a reply or cannot be reached.
   */
  async flush(): Promise<void> {
    const held = this.held;
    this.release();
    if (held.length === 0) return;
    try {
      await this.context.sendActivities(held);
    } catch (error) {
      throw new RepliesUndeliveredError(error);
    }
  }
}

/**
 * The turn ran and its state is saved, but the channel did not take its replies (it answered with
 * an error, or did not answer in time). Nothing of the conversation is wrong: the error handler
 * keeps the state, so the next message (or "why?") finds what this turn stored.
 */
export class RepliesUndeliveredError extends Error {
  override name = 'RepliesUndeliveredError';
  /** The HTTP status the channel answered with; absent when it could not be reached or timed out. */
  readonly channelStatus: number | undefined;

  constructor(override readonly cause: unknown) {
    super(`Outbox.flush(): the channel did not take the turn's replies: ${cause instanceof Error ? cause.message : String(cause)}`);
    const status = (cause as { statusCode?: unknown } | undefined)?.statusCode;
    this.channelStatus = typeof status === 'number' ? status : undefined;
  }
}
