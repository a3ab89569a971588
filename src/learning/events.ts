import { z } from 'zod';

/** What the bot did with a question. */
export const QUESTION_OUTCOMES = ['answer', 'clarify', 'none'] as const;
export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];

/** What a pick followed: "Did you mean…" or the other candidates offered after a 👎. */
export const PICK_AFTER = ['clarify', 'dislike'] as const;
export type PickAfter = (typeof PICK_AFTER)[number];

const Language = z.enum(['en', 'zh-CN']);

/** Fields every stored event has. */
const Common = {
  /** Random id; picks and feedback name the event they follow by it. */
  id: z.string().min(1).max(64),
  /** When it happened, ISO 8601 UTC. */
  at: z.iso.datetime(),
  /** Salted hash of channel and user id: counts people without naming them. */
  user: z.string().max(64),
  channel: z.string().max(64),
  language: Language,
};

/**
 * The question was a follow-up, read in the topic of the reply before it ("and is it free?"): its words alone do not say what it
 * asks, so it labels no example and suggests no phrasing.
 */
const FollowUp = z.literal(true).optional();

/** A candidate entry of the ranking, with its score (0..1). */
export const ScoredEntry = z.object({ id: z.string(), score: z.number() });
export type ScoredEntry = z.infer<typeof ScoredEntry>;

/** A question the matcher ranked, and what the bot did. */
export const QuestionEvent = z.object({
  ...Common,
  type: z.literal('question'),
  /** The question with personal data removed. */
  text: z.string(),
  outcome: z.enum(QUESTION_OUTCOMES),
  /** Best candidates, best first (at most five). */
  candidates: z.array(ScoredEntry),
  /** The entry answered, for outcome "answer". */
  entry: z.string().optional(),
  followUp: FollowUp,
});
export type QuestionEvent = z.infer<typeof QuestionEvent>;

/** The user chose one of the entries offered after a clarify or a 👎. */
export const PickEvent = z.object({
  ...Common,
  type: z.literal('pick'),
  after: z.enum(PICK_AFTER),
  /** The clarify question event, or the 👎 feedback event, the pick answers. */
  ref: z.string(),
  /** The user's original question (redacted). */
  text: z.string(),
  /** Entries offered, in order. */
  offered: z.array(z.string()),
  /** The entry the matcher put first (clarify) or the one rated 👎. */
  shown: z.string().optional(),
  /** The entry picked. */
  entry: z.string(),
  followUp: FollowUp,
});
export type PickEvent = z.infer<typeof PickEvent>;

/** 👍 or 👎 on an answer. */
export const FeedbackEvent = z.object({
  ...Common,
  type: z.literal('feedback'),
  /** The question or pick event whose answer is rated. */
  ref: z.string(),
  /** The question that was answered (redacted). */
  text: z.string(),
  entry: z.string(),
  helpful: z.boolean(),
  followUp: FollowUp,
});
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;

/** One stored event of the learning loop. */
export const LearningEvent = z.discriminatedUnion('type', [QuestionEvent, PickEvent, FeedbackEvent]);
export type LearningEvent = z.infer<typeof LearningEvent>;

/** An event as recorded during a turn: the user id is still the channel's, hashed when the log writes it. */
export type RecordedEvent = DistributiveOmit<LearningEvent, 'user'> & { userKey: string };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The UTC day of an ISO time, `YYYY-MM-DD`. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
