import type { TurnContext } from 'botbuilder';
import type { DeskNotice } from '../handoff/deskNotice.js';
import type { HandoffReason } from '../handoff/types.js';
import type { FeedbackKind, LearningPending } from '../learning/learningLoop.js';
import type { RecordedEvent } from '../learning/events.js';
import type { MessageRoute } from './messageRoute.js';
import type { Language } from '../nlu/language.js';
import type { Recognition } from '../nlu/recognizer.js';

/**
 * What one turn decided and learned, in one typed place: the middleware and the dialogs write it,
 * observers (the handoff triggers, the learning loop) read it after the turn. Everything but the
 * desk notice belongs to one attempt of the turn and starts empty when the turn runs again after
 * an eTag conflict.
 */
export interface TurnRecord {
  /** A desk notice this proactive turn delivers; set by the desk, never by a client's activity. */
  deskNotice?: DeskNotice;
  /** The reply language (the language middleware decides it; a switch in the middle of the check changes it). */
  language?: Language;
  /** The message is a 👍 or 👎 (set only when the learning loop is on). */
  feedback?: FeedbackKind;
  /** How the message was understood, by routing or as a question asked in the middle of the check. */
  recognition?: Recognition;
  /** Whether the message was read as a follow-up, in the topic of the reply before it: it labels nothing for the learning loop. */
  followUp?: boolean;
  /** Whether {@link recognition} was a question the learning loop records (not a command, a check start or 👍 typed into the check). */
  asked?: boolean;
  /** Where routing sent the message; absent when a dialog took it. */
  route?: MessageRoute;
  /** Why the handoff triggers would offer a person after this recognition, as routing judged it. */
  offer?: HandoffReason;
  /** What the previous turn left for the learning loop (the answer to rate, the entries offered). */
  learningPending?: LearningPending;
  /** The learning events of this attempt, written once the turn's state is saved. */
  learningEvents: RecordedEvent[];
}

const KEY = Symbol('icp.turnRecord');

/** The turn's record, created on first use. */
export function turnRecord(context: TurnContext): TurnRecord {
  let record = context.turnState.get(KEY) as TurnRecord | undefined;
  if (!record) {
    record = { learningEvents: [] };
    context.turnState.set(KEY, record);
  }
  return record;
}

/** The turn's record if the turn got as far as making one (the error handler reads the language from it). */
export function existingTurnRecord(context: TurnContext): TurnRecord | undefined {
  return context.turnState.get(KEY) as TurnRecord | undefined;
}

/** Forgets what an earlier attempt of the turn wrote; a desk notice stays, it is what the turn is for. */
export function startAttempt(context: TurnContext): TurnRecord {
  const { deskNotice } = turnRecord(context);
  const record: TurnRecord = { learningEvents: [], ...(deskNotice ? { deskNotice } : {}) };
  context.turnState.set(KEY, record);
  return record;
}
