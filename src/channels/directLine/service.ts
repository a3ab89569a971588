import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from './auth.js';
import type { BotDelivery } from './botDelivery.js';
import type { DirectLineLog } from './log.js';
import { conversationUpdate, type Account } from './conversation.js';
import type { DirectLineConversation as Conversation, DirectLineConversations } from './conversations.js';
import type { DirectLineSettings } from './options.js';
import type { TokenClaims, TokenSigner } from './tokens.js';
import { DIRECT_LINE_PATH, streamUrl, type Origin } from './urls.js';

/** Longest client activity id (Web Chat's `channelData.clientActivityID`) taken to recognise a post sent again. */
const MAX_CLIENT_ACTIVITY_ID = 256;

/** How long a stream URL may wait before it is opened (as Azure's Direct Line: a minute). */
const STREAM_TOKEN_SECONDS = 60;

/** A token bound to a conversation, as `tokens/generate` and `tokens/refresh` answer. */
export interface TokenGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** A started conversation, as `POST /conversations` and the reconnect answer. */
export interface ConversationGrant extends TokenGrant {
  streamUrl: string;
}

/** A user named by a client (tokens/generate, or the start of a conversation). */
export interface UserInput {
  id?: string;
  name?: string;
}

/**
 * The channel side of Direct Line, without HTTP: tokens, conversations, activities from the
 * client (kept, echoed, handed to the bot) and from the bot (kept and pushed to the client).
 */
export class DirectLineService {
  /** Unguessable path segment of the connector routes: knowing it is what lets a caller speak as the bot. */
  readonly connectorKey = randomBytes(24).toString('base64url');
  /** Replies sent so far by each turn running here (`<conversation> <activity id>`), giving each reply its place. */
  private readonly repliesSent = new Map<string, number>();

  constructor(
    private readonly settings: DirectLineSettings,
    private readonly store: DirectLineConversations,
    private readonly signer: TokenSigner,
    private readonly delivery: BotDelivery,
    /** `host:port` where this process reaches its own server. */
    private readonly ownHost: () => string,
    private readonly log: DirectLineLog,
  ) {}

  /** The serviceUrl the bot answers to: our connector routes on loopback. */
  get serviceUrl(): string {
    return `http://${this.ownHost()}${DIRECT_LINE_PATH}/connector/${this.connectorKey}`;
  }

  /**
   * A token for a new conversation, naming `user` when given. A token that names no user leaves
   * the user's id to the client (the `from.id` it sends), as Azure's Direct Line does.
   */
  generateToken(user?: UserInput): TokenGrant {
    return this.tokenFor(randomBytes(18).toString('base64url'), user?.id);
  }

  /** A token for a new conversation naming a fresh `dl_…` user, which Web Chat reads from the token (the chat page's). */
  generateUserToken(): TokenGrant {
    return this.generateToken({ id: newUserId() });
  }

  /** A fresh token with the same conversation and user as `claims`. */
  refreshToken(claims: TokenClaims): TokenGrant {
    return this.tokenFor(claims.conversationId, claims.userId);
  }

  /**
   * Starts a conversation: the token's, or a new one for the secret (or an anonymous caller of an
   * open endpoint), and tells the bot its user joined. A token's conversation that is running
   * already is returned as it is (`created: false`). When the store is full nothing starts, and
   * `retryAfterSeconds` says when there may be room.
   */
  async startConversation(
    principal: Principal,
    request: { user?: UserInput; locale?: string },
    origin: Origin,
  ): Promise<{ grant: ConversationGrant; created: boolean } | { full: true; retryAfterSeconds: number }> {
    const conversationId = principal.kind === 'token' ? principal.claims.conversationId : randomBytes(18).toString('base64url');
    const running = await this.store.get(conversationId);
    if (running) return { grant: this.grant(running, origin, undefined), created: false };
    const retryAfterSeconds = await this.store.retryAfterWhenFull();
    if (retryAfterSeconds !== undefined) return { full: true, retryAfterSeconds };
    // A user named in the token cannot be replaced by the client; otherwise the client's choice, or a fresh one.
    const boundId = (principal.kind === 'token' ? principal.claims.userId : undefined) ?? request.user?.id;
    const user: Account = { id: boundId ?? newUserId(), ...(request.user?.name ? { name: request.user.name } : {}), role: 'user' };
    const binding = { userBound: boundId !== undefined, ...(principal.kind === 'anonymous' && principal.key !== undefined ? { ownerKey: principal.key } : {}) };
    const conversation = await this.store.create(conversationId, user, request.locale, binding);
    if (!conversation) {
      // Another replica started it between the two reads.
      const started = await this.store.get(conversationId);
      if (!started) throw new Error(`startConversation(): conversation ${conversationId} was started and is gone`);
      return { grant: this.grant(started, origin, undefined), created: false };
    }
    this.startTurn(conversation);
    return { grant: this.grant(conversation, origin, undefined), created: true };
  }

  /** A new token and stream URL for a running conversation; the stream resumes after `watermark`. */
  grant(conversation: Conversation, origin: Origin, watermark: string | undefined): ConversationGrant {
    // A user nobody named stays unnamed in the tokens, so the client keeps sending its own id.
    const userId = conversation.userBound ? conversation.user.id : undefined;
    const streamToken = this.signer.issue({ conversationId: conversation.id, userId }, STREAM_TOKEN_SECONDS, 'stream');
    return { ...this.tokenFor(conversation.id, userId), streamUrl: streamUrl(origin, conversation.id, streamToken, watermark) };
  }

  /**
   * Takes an activity from the client: stamps it, keeps it (clients receive their own activities
   * back) and queues it for the bot. `from` is the token's user when the token names one, else the
   * client's own `from.id` (the conversation's user when it sends none).
   * `turn` settles when the bot has handled it.
   */
  async receiveFromClient(conversation: Conversation, principal: Principal, input: Record<string, unknown>): Promise<{ id: string; turn: Promise<void> }> {
    const fields: Record<string, unknown> = { ...input };
    for (const stamped of ['id', 'timestamp', 'channelId', 'conversation', 'recipient', 'serviceUrl', 'callerId']) delete fields[stamped];
    // Replies come back through the connector; with expectReplies the adapter would keep them in its response, which no client reads.
    if (fields.deliveryMode === 'expectReplies') delete fields.deliveryMode;
    const claimed = isRecord(input.from) ? input.from : {};
    const tokenUser = principal.kind === 'token' ? principal.claims.userId : undefined;
    const id = tokenUser ?? (typeof claimed.id === 'string' && claimed.id !== '' ? claimed.id : conversation.user.id);
    const name = typeof claimed.name === 'string' ? claimed.name : undefined;
    const kept = await conversation.appendFromClient({ ...fields, from: { id, ...(name !== undefined ? { name } : {}), role: 'user' }, recipient: conversation.bot }, clientActivityId(input));
    const activity = kept.activity;
    // A post sent again: its turn is done, running, or due to run again where it was left.
    if (!activity) return { id: kept.id, turn: Promise.resolve() };
    return { id: activity.id, turn: this.runTurn(conversation, activity) };
  }

  /** Runs again a turn a stopped replica left unfinished (see `DirectLineConversations.startSweeping`). */
  recoverTurn(conversation: Conversation, activity: Record<string, unknown>): Promise<void> {
    return this.runTurn(conversation, activity);
  }

  /**
   * Takes an activity the bot sent and pushes it to the conversation's clients. Trace activities
   * are for the Emulator and are not kept; they get an id all the same. A reply that a run of the
   * same turn kept before its replica stopped is not kept twice.
   */
  async receiveFromBot(conversation: Conversation, input: Record<string, unknown>, replyToId?: string): Promise<string> {
    if (input.type === 'trace') return randomUUID();
    const fields: Record<string, unknown> = { ...input, ...(replyToId && input.replyToId === undefined ? { replyToId } : {}) };
    delete fields.id;
    const turnKey = typeof fields.replyToId === 'string' ? `${conversation.id} ${fields.replyToId}` : undefined;
    const ordinal = turnKey === undefined ? undefined : this.repliesSent.get(turnKey);
    if (turnKey !== undefined && ordinal !== undefined) this.repliesSent.set(turnKey, ordinal + 1);
    const place = ordinal === undefined ? undefined : { replyToId: String(fields.replyToId), ordinal };
    const kept = await conversation.appendFromBot(fields, place);
    return kept?.id ?? randomUUID();
  }

  /** Replaces a bot activity: clients receive it again with the same id. False when there is no such activity. */
  updateFromBot(conversation: Conversation, activityId: string, input: Record<string, unknown>): Promise<boolean> {
    return Promise.resolve(conversation.update(activityId, { ...input }));
  }

  /** Removes a bot activity from the transcript (clients that have it keep it). False when there is no such activity. */
  deleteFromBot(conversation: Conversation, activityId: string): Promise<boolean> {
    return Promise.resolve(conversation.remove(activityId));
  }

  /** The conversation's user and bot, as the connector's members route lists them. */
  members(conversation: Conversation): Account[] {
    return [conversation.user, conversation.bot];
  }

  private tokenFor(conversationId: string, userId: string | undefined): TokenGrant {
    const ttl = this.settings.tokenTtlSeconds;
    return { conversationId, token: this.signer.issue({ conversationId, userId }, ttl, 'api'), expires_in: ttl };
  }

  /** Tells the bot the user joined (the bot welcomes them); the client's first message queues behind it. */
  private startTurn(conversation: Conversation): void {
    const update = conversationUpdate(conversation.id, conversation.user, conversation.bot, conversation.locale, Date.now());
    this.runTurn(conversation, update).catch((error: unknown) => this.log('error', `Direct Line: starting conversation ${conversation.id}: ${(error as Error).message}`));
  }

  /** Hands `activity` to the bot after the conversation's earlier turns, counting the replies it sends. */
  private runTurn(conversation: Conversation, activity: Record<string, unknown>): Promise<void> {
    const turnKey = `${conversation.id} ${String(activity.id)}`;
    return conversation.runTurn(activity, async () => {
      this.repliesSent.set(turnKey, 0);
      try {
        await this.delivery.deliver(activity, this.serviceUrl);
      } finally {
        this.repliesSent.delete(turnKey);
      }
    });
  }
}

/** A user id for a user nobody named; the `dl_` prefix is what Azure's Direct Line reserves for ids it assigns. */
function newUserId(): string {
  return `dl_${randomBytes(12).toString('hex')}`;
}

/** Web Chat's `channelData.clientActivityID`, by which a post sent again is recognised. */
function clientActivityId(input: Record<string, unknown>): string | undefined {
  const value = isRecord(input.channelData) ? input.channelData.clientActivityID : undefined;
  return typeof value === 'string' && value !== '' && value.length <= MAX_CLIENT_ACTIVITY_ID ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
