import type { Account, ActivitySet, ChannelActivity } from './conversation.js';

/** A value, or a promise of it: the in-process store answers at once, the Redis store after a round trip. */
export type Awaitable<T> = T | Promise<T>;

/** Who a conversation is bound to when it starts (see `Principal` and `DirectLineService.startConversation`). */
export interface ConversationBinding {
  /** Whether `user` was named by the token or the client: its tokens then name that user, who cannot be replaced. */
  userBound: boolean;
  /** The key of the anonymous caller that started it on an open endpoint with a secret of its own. */
  ownerKey?: string;
}

/** What a stream listener is told: new activities (with the watermark of the last), or that it may have missed some and should read again. */
export type LiveUpdate = ActivitySet | 'resync';

/** A bot reply's place in the turn that sent it, so a turn run again after a crash does not send it twice. */
export interface ReplyPlace {
  replyToId: string;
  /** 0 for the turn's first reply, 1 for its second… */
  ordinal: number;
}

/**
 * One Direct Line conversation, wherever it is kept: its members, its transcript numbered by
 * watermark, live delivery to streams, and the queue of its bot turns.
 */
export interface DirectLineConversation {
  readonly id: string;
  readonly user: Account;
  readonly bot: Account;
  readonly locale: string | undefined;
  readonly userBound: boolean;
  readonly ownerKey: string | undefined;
  /**
   * Keeps an activity the client posted. With `clientActivityId` (Web Chat's
   * `channelData.clientActivityID`), a post that was kept already is not kept again (a client
   * retrying after a lost answer): only the first one's `id` comes back then, and no turn is due.
   */
  appendFromClient(fields: Record<string, unknown>, clientActivityId?: string): Awaitable<{ id: string; activity?: ChannelActivity }>;
  /** Keeps an activity the bot sent; undefined when `place` says a run of the same turn before a crash kept it already. */
  appendFromBot(fields: Record<string, unknown>, place?: ReplyPlace): Awaitable<ChannelActivity | undefined>;
  /** Replaces an activity (clients receive it again with the same id); false when there is no such activity. */
  update(activityId: string, fields: Record<string, unknown>): Awaitable<boolean>;
  /** Removes an activity from the transcript; false when there was none. */
  remove(activityId: string): Awaitable<boolean>;
  /** The activities after `watermark` (all that are kept when it is undefined). */
  activitiesAfter(watermark: number | undefined): Awaitable<ActivitySet>;
  /**
   * Calls `listener` with every activity added from now on, in watermark order; resolves, once
   * listening, to the unsubscribe function (activities read after that are not missed).
   */
  subscribe(listener: (update: LiveUpdate) => void): Awaitable<() => void>;
  /** Calls `listener` once when the conversation ends (expires or the server stops). */
  onEnd(listener: () => void): () => void;
  /**
   * Runs the bot's turn for `activity` after the earlier turns of this conversation. Where a
   * process may die mid-turn (Redis), the turn is recorded until it is done, and another process
   * runs it again if this one stops answering for it.
   */
  runTurn(activity: ChannelActivity | Record<string, unknown>, turn: () => Promise<void>): Promise<void>;
}

/** Every conversation of the endpoint: in this process (one instance), or in Redis (any number of replicas). */
export interface DirectLineConversations {
  /** Starts conversation `id`; undefined when it exists already (another request started it first). */
  create(id: string, user: Account, locale: string | undefined, binding: ConversationBinding): Awaitable<DirectLineConversation | undefined>;
  get(id: string): Awaitable<DirectLineConversation | undefined>;
  /** Undefined when a new conversation may start; else the seconds until there may be room. */
  retryAfterWhenFull(): Awaitable<number | undefined>;
  /** How many conversations are alive. */
  count(): Awaitable<number>;
  /**
   * Starts the timers: idle conversations end; with `recover`, turns another process left
   * unfinished (it died) are run again here.
   */
  startSweeping(recover?: (conversation: DirectLineConversation, activity: Record<string, unknown>) => Promise<void>): void;
  /** Stops the timers and ends every stream of this process (the server is stopping). */
  close(): void | Promise<void>;
}

/** The shared store did not answer (Redis is away): the routes answer 503 with Retry-After, and the client tries again. */
export class ConversationStoreUnavailableError extends Error {
  override name = 'ConversationStoreUnavailableError';
  constructor(
    operation: string,
    override readonly cause: unknown,
  ) {
    super(`RedisConversationStore.${operation}(): Redis did not answer: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
