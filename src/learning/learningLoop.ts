import { randomBytes } from 'node:crypto';
import type { i18n } from 'i18next';
import { LANGUAGES, type Language } from '../nlu/language.js';
import type { Recognition } from '../nlu/recognizer.js';
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
  /** The question was a follow-up (see the events' `followUp`). */
  followUp?: true;
}

/** Entries just offered as buttons ("Did you mean…", or after a 👎): an answer among them is a pick. */
interface PendingOffer {
  after: PickAfter;
  ref: string;
  text: string;
  offered: string[];
  shown?: string;
  followUp?: true;
}

/** What the next turn needs to know about this one; kept in conversation state. */
export interface LearningPending {
  answer?: PendingAnswer;
  offer?: PendingOffer;
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

// Variation selectors and skin tones, so 👍🏽 counts as 👍.
const EMOJI_MODIFIERS = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

/** What {@link LearningLoop} needs; built in app.ts. */
export interface LearningLoopDependencies {
  eventLog: EventLog;
  /** For the feedback buttons' titles, which are recognised as feedback when sent back. */
  i18n: i18n;
  now?: () => Date;
}

/** Where a message came from, for the events it leads to. */
export interface MessageOrigin {
  channelId?: string;
  userId?: string;
  language: Language;
}

/** What a 👍 or 👎 leads to: the events to record, what the next turn needs, and the reply. */
export type FeedbackOutcome = { events: RecordedEvent[]; pending?: LearningPending } & ({ reply: 'thanks' } | { reply: 'notHelpful'; others: string[] });

/** What a question leads to: its event, and what the next turn needs. */
export interface QuestionOutcome {
  events: RecordedEvent[];
  pending?: LearningPending;
}

/**
 * The learning loop's decisions, on plain values: whether a message is feedback, and which events
 * a 👍 / 👎 or a question leads to (a question and what the bot did, a pick after "Did you mean…"
 * or a 👎, feedback), with what the next turn needs to know. The turn's edge keeps the state and
 * writes the events once the turn's state is saved, so a turn that runs again is recorded once.
 */
export class LearningLoop {
  private readonly labels = new Map<string, FeedbackKind>([
    ['👍', 'up'],
    ['👎', 'down'],
  ]);
  private readonly now: () => Date;

  constructor(private readonly deps: LearningLoopDependencies) {
    if (!deps?.eventLog || !deps.i18n) throw new Error('LearningLoop(): eventLog and i18n are required');
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
  feedbackOf(message: { text?: unknown; value?: unknown }): FeedbackKind | undefined {
    const value = message.value as { feedback?: unknown } | undefined;
    if (value && (value.feedback === 'up' || value.feedback === 'down')) return value.feedback;
    return typeof message.text === 'string' ? this.labels.get(normalizeLabel(message.text)) : undefined;
  }

  /**
   * What a 👍 or 👎 leads to, given what the previous turn left; undefined when it rates nothing and
   * the message goes on as any other (a 👍 after a reply that was not an answer, or any feedback
   * while a dialog waits for an answer).
   */
  feedback(kind: FeedbackKind, pending: LearningPending, origin: MessageOrigin, dialogWaiting: boolean): FeedbackOutcome | undefined {
    const answer = pending.answer;
    // Nothing to rate while a dialog (the check) waits for an answer: the message is the dialog's.
    if (!answer && dialogWaiting) return undefined;
    if (kind === 'up') {
      // A 👍 that rates nothing (the first message, or after a reply that was not an answer) is not thanked for.
      if (!answer) return undefined;
      return { reply: 'thanks', events: [{ ...this.base(origin), type: 'feedback', ref: answer.ref, text: answer.text, entry: answer.entry, helpful: true, ...followUpOf(answer) }] };
    }
    const others = answer?.others ?? [];
    if (!answer) return { reply: 'notHelpful', others, events: [] };
    const event = { ...this.base(origin), type: 'feedback' as const, ref: answer.ref, text: answer.text, entry: answer.entry, helpful: false, ...followUpOf(answer) };
    const next =
      others.length > 0 ? { offer: { after: 'dislike' as const, ref: event.id, text: answer.text, offered: others, shown: answer.entry, ...followUpOf(answer) } } : undefined;
    return { reply: 'notHelpful', others, events: [event], ...(next ? { pending: next } : {}) };
  }

  /**
   * What a question the bot answered, clarified or could not answer leads to: its event, and what
   * the next turn needs (the answer to rate, the entries offered). An answer with an entry that was
   * just offered is the user's pick.
   */
  question(recognition: Recognition, pending: LearningPending, origin: Omit<MessageOrigin, 'language'>, followUp = false): QuestionOutcome {
    if (recognition.outcome === 'intent') return { events: [] };
    const base = this.base({ channelId: origin.channelId, userId: origin.userId, language: recognition.language });
    const top = recognition.outcome === 'answer' ? recognition.top : undefined;
    const offer = pending.offer;
    if (top && offer?.offered.includes(top.id)) {
      // A pick labels the question it answers, which was or was not a follow-up.
      const asked = followUpOf(offer);
      return {
        events: [{ ...base, type: 'pick', after: offer.after, ref: offer.ref, text: offer.text, offered: offer.offered, shown: offer.shown, entry: top.id, ...asked }],
        pending: { answer: { ref: base.id, text: offer.text, entry: top.id, others: offer.offered.filter((id) => id !== top.id).slice(0, MAX_OTHERS), ...asked } },
      };
    }
    const asked = followUp ? ({ followUp: true } as const) : {};
    const text = redactPersonalData(recognition.text).slice(0, MAX_TEXT_CHARS);
    const candidates = recognition.candidates.slice(0, MAX_CANDIDATES).map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 }));
    // Written out field by field, in the order the stored event has them: spreading the base into it cost V8 several
    // times as much on every question.
    const event: RecordedEvent & { type: 'question' } = {
      id: base.id,
      at: base.at,
      userKey: base.userKey,
      channel: base.channel,
      language: base.language,
      type: 'question',
      text,
      outcome: recognition.outcome,
      candidates,
    };
    if (top) event.entry = top.id;
    if (followUp) event.followUp = true;
    const events: RecordedEvent[] = [event];
    if (top) {
      const others = recognition.candidates
        .filter((c) => c.id !== top.id && c.score >= OTHERS_FLOOR && c.score >= top.score * OTHERS_SPREAD)
        .slice(0, MAX_OTHERS)
        .map((c) => c.id);
      return { events, pending: { answer: { ref: base.id, text, entry: top.id, others, ...asked } } };
    }
    if (recognition.outcome === 'clarify') {
      return { events, pending: { offer: { after: 'clarify', ref: base.id, text, offered: candidates.map((c) => c.id), shown: candidates[0]?.id, ...asked } } };
    }
    return { events };
  }

  /** Hands the events of a turn whose state is saved to the event log (written in the background). */
  write(events: readonly RecordedEvent[]): void {
    if (events.length > 0) this.deps.eventLog.append(events);
  }

  private base(origin: MessageOrigin) {
    return {
      id: newEventId(),
      at: this.now().toISOString(),
      userKey: `${origin.channelId ?? ''}:${origin.userId ?? ''}`,
      channel: String(origin.channelId ?? '').slice(0, 64),
      language: origin.language,
    };
  }
}

/** The `followUp` field of the events about a question that was a follow-up; none otherwise. */
function followUpOf(asked: { followUp?: true }): { followUp?: true } {
  return asked.followUp ? { followUp: true } : {};
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
