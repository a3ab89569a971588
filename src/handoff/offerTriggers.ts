import type { TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { BotStateAccessors } from '../turn/state.js';
import { MAX_LINE_CHARS } from './transcript.js';
import { FrustrationDetector } from './triggers.js';
import type { HandoffReason } from './types.js';

/** What {@link OfferTriggers} needs; built in app.ts. */
export interface OfferTriggersDependencies {
  /** Whether a person can be offered at all. */
  enabled: boolean;
  /** The streak of misses, the last unanswered message and the last question. */
  state: BotStateAccessors;
  knowledge: KnowledgeBase;
  /** Unanswered messages in a row before the bot offers a person; 0: never on that ground. */
  afterFailures: number;
}

/**
 * When to offer a person: after several misses in a row, or an annoyed message the bot could not
 * answer. Routing asks {@link offerReason} (which changes nothing); once the turn is done, the
 * turn's observer hands the routed recognition to {@link noteRecognition}, which keeps the streak
 * and what the case file shows.
 */
export class OfferTriggers {
  private readonly frustration?: FrustrationDetector;

  constructor(private readonly deps: OfferTriggersDependencies) {
    if (!deps.state || !deps.knowledge) throw new Error('OfferTriggers(): state and knowledge are required');
    // Loading the AFINN word list takes a while: only when a person can be offered.
    if (deps.enabled) this.frustration = new FrustrationDetector();
  }

  /** Why to offer a person after this recognition, or undefined. */
  async offerReason(context: TurnContext, recognition: Recognition): Promise<HandoffReason | undefined> {
    if (!this.deps.enabled || recognition.outcome === 'answer' || recognition.outcome === 'intent') return undefined;
    const streak = await this.streakAfter(context, recognition);
    if (this.frustration?.isFrustrated(recognition.text)) return 'frustrated';
    if (this.deps.afterFailures > 0 && streak >= this.deps.afterFailures) return 'unanswered';
    return undefined;
  }

  /** Notes how the matcher did on a routed message; `offer` is what {@link offerReason} said of it (an offer starts the count again). */
  async noteRecognition(context: TurnContext, recognition: Recognition, offer: HandoffReason | undefined): Promise<void> {
    // Without a handoff nothing reads the streak or the case file: no state to keep each turn.
    if (!this.deps.enabled) return;
    const { state } = this.deps;
    // What the agent's queue shows: the question itself, not "Yes, connect me".
    if (recognition.outcome !== 'intent') await state.lastQuestion.set(context, recognition.text.slice(0, MAX_LINE_CHARS));
    if (recognition.outcome === 'answer' || recognition.outcome === 'intent') {
      await state.unansweredStreak.set(context, 0);
      return;
    }
    const entries = this.deps.knowledge.entries[recognition.language];
    await state.lastUnanswered.set(context, {
      text: recognition.text,
      language: recognition.language,
      candidates: recognition.candidates.slice(0, 3).map((c) => ({ id: c.id, question: entries.find((e) => e.id === c.id)?.question ?? c.id, score: round(c.score) })),
    });
    await state.unansweredStreak.set(context, offer ? 0 : await this.streakAfter(context, recognition));
  }

  /** The streak with this recognition counted; read without a default, which botbuilder would store. */
  private async streakAfter(context: TurnContext, recognition: Recognition): Promise<number> {
    return ((await this.deps.state.unansweredStreak.get(context)) ?? 0) + (recognition.outcome === 'none' ? 1 : 0);
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
