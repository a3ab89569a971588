import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import { LANGUAGES } from '../nlu/language.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { Replies } from '../replies.js';
import type { BotStateAccessors } from '../turn/state.js';
import type { EventLog } from './eventLog.js';
import type { PickAfter, RecordedEvent } from './events.js';
import { redactPersonalData } from './redact.js';

/** 👍 or 👎. */
export type FeedbackKind = 'up' | 'down';

/** The last answer, which a 👍 or 👎 refers to. */
interface PendingAnswer {
  /** The question or pick event that led to it. */
  ref: string;
  text: string;
  entry: string;
  /** Next candidates, offered after a 👎. */
  others: string[];
}

/** Entries just offered as buttons ("Did you mean…", or after a 👎): an answer among them is a pick. */
interface PendingOffer {
  after: PickAfter;
  ref: string;
  text: string;
  offered: string[];
  shown?: string;
}

/** What the next turn needs to know about this one; kept in conversation state. */
export interface LearningPending {
  answer?: PendingAnswer;
  offer?: PendingOffer;
}

/** What {@link LearningLoop} needs; built in app.ts. */
export interface LearningLoopDependencies {
  /** What the next turn needs, and the dialog stack (a 👍 in the middle of the check belongs to the check). */
  state: BotStateAccessors;
  eventLog: EventLog;
  /** For the feedback buttons' titles, which are recognised as feedback when sent back. */
  i18n: i18n;
  now?: () => Date;
}

/** Longest question text kept in an event. */
const MAX_TEXT_CHARS = 500;
/** Candidates kept per question event. */
const MAX_CANDIDATES = 5;
/** After a 👎, at most this many next candidates are offered… */
const MAX_OTHERS = 3;
/** …each scoring at least this share of the answered entry's score, and at least OTHERS_FLOOR: the user said the best one is wrong, so the bar is lower than for "Did you mean…". */
const OTHERS_SPREAD = 0.25;
const OTHERS_FLOOR = 0.1;

/** Random bytes per event id (12 base64url characters). */
const ID_BYTES = 9;
/** Event ids are cut from a pool of random bytes this large: a randomBytes() call per event cost ~20 µs of a turn. */
const ID_POOL_BYTES = ID_BYTES * 512;

const TURN_EVENTS = Symbol('learning.events');
const TURN_PENDING = Symbol('learning.pending');
// Variation selectors and skin tones, so 👍🏽 counts as 👍.
const EMOJI_MODIFIERS = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

/**
 * The bot's side of the learning loop. During a turn it collects events on the TurnContext (a
 * question and what the bot did, a pick after "Did you mean…" or a 👎, feedback); only once the
 * turn's state is saved does {@link commit} hand them to the event log, so a turn that runs again
 * after an eTag conflict is recorded once. It also answers the "Helpful?" buttons.
 */
export class LearningLoop {
  private readonly labels = new Map<string, FeedbackKind>([
    ['👍', 'up'],
    ['👎', 'down'],
  ]);
  private readonly now: () => Date;

  constructor(private readonly deps: LearningLoopDependencies) {
    if (!deps?.state || !deps.eventLog || !deps.i18n) throw new Error('LearningLoop(): state, eventLog and i18n are required');
    this.now = deps.now ?? (() => new Date());
    for (const language of LANGUAGES) {
      const t = deps.i18n.getFixedT(language);
      this.labels.set(normalizeLabel(t('feedback.helpful')), 'up');
      this.labels.set(normalizeLabel(t('feedback.notHelpful')), 'down');
    }
  }

  /** The event log the loop writes to. */
  get eventLog(): EventLog {
    return this.deps.eventLog;
  }

  /** Whether a message is a 👍 / 👎: a button value `{feedback: "up"|"down"}`, the emoji alone, or a feedback button's title. */
  feedbackOf(activity: Partial<Activity>): FeedbackKind | undefined {
    const value = activity.value as { feedback?: unknown } | undefined;
    if (value && (value.feedback === 'up' || value.feedback === 'down')) return value.feedback;
    return typeof activity.text === 'string' ? this.labels.get(normalizeLabel(activity.text)) : undefined;
  }

  /** Starts an attempt of a turn: forgets what an earlier attempt collected. */
  beginAttempt(context: TurnContext): void {
    context.turnState.set(TURN_EVENTS, []);
    context.turnState.delete(TURN_PENDING);
  }

  /**
   * Runs before a message is routed: takes what the previous turn left (the answer to rate, the
   * entries offered), and answers a 👍 or 👎. Resolves true when the message was feedback and
   * has been answered.
   */
  async handleFeedback(context: TurnContext, replies: Replies): Promise<boolean> {
    const pending = (await this.deps.state.learning.get(context)) ?? {};
    context.turnState.set(TURN_PENDING, pending);
    await this.deps.state.learning.delete(context);
    const kind = this.feedbackOf(context.activity);
    if (!kind) return false;
    const answer = pending.answer;
    // Nothing to rate while a dialog (the check) waits for an answer: the message is the dialog's.
    if (!answer && ((await this.deps.state.dialogState.get(context))?.dialogStack?.length ?? 0) > 0) return false;
    if (kind === 'up') {
      // A 👍 that rates nothing (the first message, or after a reply that was not an answer) is not thanked for.
      if (!answer) return false;
      this.collect(context, { ...this.base(context, replies.language), type: 'feedback', ref: answer.ref, text: answer.text, entry: answer.entry, helpful: true });
      await context.sendActivity(replies.feedbackThanks());
      return true;
    }
    const others = answer?.others ?? [];
    if (answer) {
      const event = { ...this.base(context, replies.language), type: 'feedback' as const, ref: answer.ref, text: answer.text, entry: answer.entry, helpful: false };
      this.collect(context, event);
      if (others.length > 0) await this.deps.state.learning.set(context, { offer: { after: 'dislike', ref: event.id, text: answer.text, offered: others, shown: answer.entry } });
    }
    await context.sendActivity(replies.notHelpful(others));
    return true;
  }

  /**
   * Records a question the root dialog answered, clarified or could not answer, and remembers
   * what the next turn needs (the answer to rate, the entries offered). An answer with an entry
   * that was just offered is recorded as the user's pick.
   */
  async recordRecognition(context: TurnContext, recognition: Recognition): Promise<void> {
    if (recognition.outcome === 'intent') return;
    const pending = (context.turnState.get(TURN_PENDING) as LearningPending | undefined) ?? {};
    const base = this.base(context, recognition.language);
    const top = recognition.outcome === 'answer' ? recognition.top : undefined;
    const offer = pending.offer;
    if (top && offer?.offered.includes(top.id)) {
      this.collect(context, { ...base, type: 'pick', after: offer.after, ref: offer.ref, text: offer.text, offered: offer.offered, shown: offer.shown, entry: top.id });
      await this.deps.state.learning.set(context, { answer: { ref: base.id, text: offer.text, entry: top.id, others: offer.offered.filter((id) => id !== top.id).slice(0, MAX_OTHERS) } });
      return;
    }
    const text = redactPersonalData(recognition.text).slice(0, MAX_TEXT_CHARS);
    const candidates = recognition.candidates.slice(0, MAX_CANDIDATES).map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 }));
    this.collect(context, { ...base, type: 'question', text, outcome: recognition.outcome, candidates, ...(top ? { entry: top.id } : {}) });
    if (top) {
      const others = recognition.candidates
        .filter((c) => c.id !== top.id && c.score >= OTHERS_FLOOR && c.score >= top.score * OTHERS_SPREAD)
        .slice(0, MAX_OTHERS)
        .map((c) => c.id);
      await this.deps.state.learning.set(context, { answer: { ref: base.id, text, entry: top.id, others } });
    } else if (recognition.outcome === 'clarify') {
      await this.deps.state.learning.set(context, { offer: { after: 'clarify', ref: base.id, text, offered: candidates.map((c) => c.id), shown: candidates[0]?.id } });
    }
  }

  /** Hands the events of a turn whose state is saved to the event log (written in the background). */
  commit(context: TurnContext): void {
    const events = context.turnState.get(TURN_EVENTS) as RecordedEvent[] | undefined;
    context.turnState.delete(TURN_EVENTS);
    if (events && events.length > 0) this.deps.eventLog.append(events);
  }

  private collect(context: TurnContext, event: RecordedEvent): void {
    let events = context.turnState.get(TURN_EVENTS) as RecordedEvent[] | undefined;
    if (!events) {
      events = [];
      context.turnState.set(TURN_EVENTS, events);
    }
    events.push(event);
  }

  private base(context: TurnContext, language: RecordedEvent['language']) {
    const { channelId, from } = context.activity;
    return {
      id: newEventId(),
      at: this.now().toISOString(),
      userKey: `${channelId ?? ''}:${from?.id ?? ''}`,
      channel: String(channelId ?? '').slice(0, 64),
      language,
    };
  }
}

let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A random event id, as `randomBytes(ID_BYTES).toString('base64url')` but drawn from a pool. */
function newEventId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_POOL_BYTES);
    idOffset = 0;
  }
  const id = idPool.toString('base64url', idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return id;
}

function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(EMOJI_MODIFIERS, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
