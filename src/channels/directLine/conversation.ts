import type { DirectLineConversation, LiveUpdate } from './conversations.js';

/** A member of a conversation, as activities name it (`from`, `recipient`, `membersAdded`). */
export interface Account {
  id: string;
  name?: string;
  role: 'user' | 'bot';
}

/** The channel id every Direct Line activity carries. */
export const CHANNEL_ID = 'directline';

/**
 * The conversationUpdate that tells the bot the user joined. Its id is the conversation's, so a
 * store that records it as a due turn and the service that runs it name the same turn.
 */
export function conversationUpdate(id: string, user: Account, bot: Account, locale: string | undefined, now: number): Record<string, unknown> & { id: string } {
  return {
    type: 'conversationUpdate',
    id: `${id}|start`,
    timestamp: new Date(now).toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id },
    from: user,
    recipient: bot,
    membersAdded: [user],
    ...(locale ? { locale } : {}),
  };
}

/** An activity as the conversation keeps it and clients receive it (JSON, timestamps as ISO strings). */
export type ChannelActivity = { [field: string]: unknown; id: string; type: string; timestamp: string };

/** What clients receive: activities after their watermark, and the watermark to ask with next. */
export interface ActivitySet {
  activities: ChannelActivity[];
  /** Position of the last activity in the conversation; absent while it has none. */
  watermark?: string;
}

interface Entry {
  seq: number;
  activity: ChannelActivity;
  /** Length of the activity as JSON, counted against the transcript's byte budget. */
  bytes: number;
}

/** How much of its transcript a conversation keeps: the last `maxTranscript` activities, and no more than `maxTranscriptBytes` of JSON. */
export interface TranscriptLimits {
  maxTranscript: number;
  maxTranscriptBytes: number;
}

/**
 * One Direct Line conversation in this process's memory: its members, its transcript (the last
 * activities within the {@link TranscriptLimits}, numbered from 0; a watermark is such a number),
 * the streams listening to it, and the queue that hands its activities to the bot one at a time,
 * in order.
 */
export class Conversation implements DirectLineConversation {
  private readonly entries: Entry[] = [];
  private nextSeq = 0;
  private transcriptBytes = 0;
  private readonly listeners = new Set<(update: LiveUpdate) => void>();
  private readonly endListeners = new Set<() => void>();
  private turns: Promise<unknown> = Promise.resolve();
  private ended = false;
  /** When an activity was last added (or the conversation started), in ms since the epoch. */
  lastActivityAt: number;
  /** Whether `user` was named by the token or the client that started it: its tokens then name that user, who cannot be replaced. */
  userBound = false;
  /** The key of the anonymous caller that started it on an open endpoint with a secret of its own (see `Principal`). */
  ownerKey: string | undefined;

  constructor(
    readonly id: string,
    readonly user: Account,
    readonly bot: Account,
    readonly locale: string | undefined,
    private readonly limits: TranscriptLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.lastActivityAt = now();
  }

  /**
   * Stamps `fields` with an id (`<conversationId>|<seq>`, or `id` for an updated activity),
   * timestamp, channel and conversation, keeps it and tells every stream. `serviceUrl` is
   * dropped: it carries the connector key, which clients must never see.
   */
  append(fields: Record<string, unknown>, id?: string): ChannelActivity {
    const seq = this.nextSeq++;
    const activity: ChannelActivity = {
      ...fields,
      type: String(fields.type),
      id: id ?? `${this.id}|${String(seq).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
      channelId: CHANNEL_ID,
      conversation: { id: this.id },
    };
    delete activity.serviceUrl;
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    this.entries.push({ seq, activity, bytes });
    this.transcriptBytes += bytes;
    // The oldest go first; the newest activity is always kept, so a client can read what it just sent.
    while (this.entries.length > 1 && (this.entries.length > this.limits.maxTranscript || this.transcriptBytes > this.limits.maxTranscriptBytes)) {
      this.transcriptBytes -= (this.entries.shift() as Entry).bytes;
    }
    this.lastActivityAt = this.now();
    const set: ActivitySet = { activities: [activity], watermark: String(seq) };
    for (const listener of this.listeners) listener(set);
    return activity;
  }

  /** Keeps a client's activity; one process has no crashed run to repeat, so every post is new. */
  appendFromClient(fields: Record<string, unknown>): { id: string; activity: ChannelActivity } {
    const activity = this.append(fields);
    return { id: activity.id, activity };
  }

  /** Keeps a bot's activity (a turn never runs twice in one process, so its place is not needed). */
  appendFromBot(fields: Record<string, unknown>): ChannelActivity {
    return this.append(fields);
  }

  /** Replaces a kept activity: clients receive it again with the same id. */
  update(activityId: string, fields: Record<string, unknown>): boolean {
    if (!this.has(activityId)) return false;
    this.append(fields, activityId);
    return true;
  }

  /** Runs a bot turn after the earlier ones (see {@link queueTurn}). */
  runTurn(_activity: unknown, turn: () => Promise<void>): Promise<void> {
    return this.queueTurn(turn);
  }

  /** The activities after `watermark` (all that are kept when it is undefined). */
  activitiesAfter(watermark: number | undefined): ActivitySet {
    const after = watermark === undefined ? this.entries : this.entries.filter((entry) => entry.seq > watermark);
    const last = this.nextSeq - 1;
    return { activities: after.map((entry) => entry.activity), ...(last >= 0 ? { watermark: String(last) } : {}) };
  }

  /** Whether an activity with this id is in the transcript. */
  has(activityId: string): boolean {
    return this.entries.some((entry) => entry.activity.id === activityId);
  }

  /** Removes every copy of an activity (an update adds one) from the transcript; false if there was none. */
  remove(activityId: string): boolean {
    const before = this.entries.length;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i].activity.id !== activityId) continue;
      this.transcriptBytes -= this.entries[i].bytes;
      this.entries.splice(i, 1);
    }
    return this.entries.length < before;
  }

  /** Calls `listener` with every activity added from now on; returns the unsubscribe function. */
  subscribe(listener: (update: LiveUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` once when the conversation ends (expires or the server stops). */
  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Ends the conversation: its streams are told, then forgotten. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.endListeners) listener();
    this.endListeners.clear();
    this.listeners.clear();
  }

  /** Runs `turn` after every earlier turn of this conversation has settled, so the bot sees activities in order. */
  queueTurn(turn: () => Promise<void>): Promise<void> {
    const result = this.turns.then(turn, turn);
    this.turns = result.catch(() => undefined);
    return result;
  }
}
