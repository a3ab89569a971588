import { Conversation, type Account, type TranscriptLimits } from './conversation.js';
import type { ConversationBinding, DirectLineConversations } from './conversations.js';

/**
 * The conversations of this process, in memory (one instance; with several, see
 * `RedisConversationStore`). One that has had no new activity for `idleMs`
 * is ended and forgotten by a sweep that does not keep the process alive.
 */
export class ConversationStore implements DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: { idleMs: number; bot: Account; maxConversations: number } & TranscriptLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts conversation `id` with `user`; the caller checks that it does not exist yet. */
  create(id: string, user: Account, locale?: string, binding?: ConversationBinding): Conversation {
    const conversation = new Conversation(id, user, this.settings.bot, locale, this.settings, this.now);
    conversation.userBound = binding?.userBound ?? false;
    conversation.ownerKey = binding?.ownerKey;
    this.conversations.set(id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** How many conversations are alive. */
  get size(): number {
    return this.conversations.size;
  }

  count(): number {
    return this.conversations.size;
  }

  retryAfterWhenFull(): number | undefined {
    return this.full ? this.secondsUntilRoom() : undefined;
  }

  /** Whether the store holds as many conversations as it may; a new one has to wait until some expire. */
  get full(): boolean {
    return this.conversations.size >= this.settings.maxConversations;
  }

  /** Seconds until the conversation idle the longest expires (at least 1): when a full store may have room. */
  secondsUntilRoom(): number {
    let oldest = Infinity;
    for (const conversation of this.conversations.values()) oldest = Math.min(oldest, conversation.lastActivityAt);
    if (oldest === Infinity) return 1;
    return Math.max(1, Math.ceil((oldest + this.settings.idleMs - this.now()) / 1000));
  }

  /** Sweeps every quarter of the idle time (between 250 ms and a minute). */
  startSweeping(): void {
    if (this.timer) return;
    const every = Math.min(60_000, Math.max(250, this.settings.idleMs / 4));
    this.timer = setInterval(() => this.sweep(), every);
    this.timer.unref();
  }

  /** Ends and forgets the conversations idle for longer than the idle time. */
  sweep(): void {
    const cutoff = this.now() - this.settings.idleMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastActivityAt <= cutoff) {
        this.conversations.delete(id);
        conversation.end();
      }
    }
  }

  /** Stops sweeping and ends every conversation (the server is stopping). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const conversation of this.conversations.values()) conversation.end();
    this.conversations.clear();
  }
}
