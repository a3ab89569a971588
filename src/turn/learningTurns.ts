import type { TurnContext } from 'botbuilder';
import type { LearningLoop } from '../learning/learningLoop.js';
import type { Replies } from '../replies.js';
import type { BotStateAccessors } from './state.js';
import type { TurnRecord } from './turnRecord.js';
import type { TurnObserver } from './stateTurn.js';

/**
 * The learning loop in the turn: answers a 👍 or 👎 before the message is routed, records the
 * turn's question from the turn record once the bot is done, and writes the events once the
 * turn's state is saved.
 */
export class LearningTurns implements TurnObserver {
  constructor(
    readonly loop: LearningLoop,
    private readonly state: BotStateAccessors,
  ) {
    if (!loop || !state) throw new Error('LearningTurns(): loop and state are required');
  }

  /**
   * Runs before a message is routed: takes what the previous turn left (the answer to rate, the
   * entries offered), and answers a 👍 or 👎. Resolves true when the message was feedback and has
   * been answered.
   */
  async handleFeedback(context: TurnContext, record: TurnRecord, replies: Replies): Promise<boolean> {
    const pending = (await this.state.learning.get(context)) ?? {};
    record.learningPending = pending;
    await this.state.learning.delete(context);
    const kind = this.loop.feedbackOf(context.activity);
    if (!kind) return false;
    record.feedback = kind;
    const dialogWaiting = ((await this.state.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
    const outcome = this.loop.feedback(kind, pending, { ...originOf(context), language: replies.language }, dialogWaiting);
    if (!outcome) return false;
    record.learningEvents.push(...outcome.events);
    if (outcome.pending) await this.state.learning.set(context, outcome.pending);
    await context.sendActivity(outcome.reply === 'thanks' ? replies.feedbackThanks() : replies.notHelpful(outcome.others));
    return true;
  }

  /** Records the question the turn understood, if it asked one. */
  async afterTurn(context: TurnContext, record: TurnRecord): Promise<void> {
    if (!record.asked || !record.recognition) return;
    const outcome = this.loop.question(record.recognition, record.learningPending ?? {}, originOf(context), record.followUp === true);
    record.learningEvents.push(...outcome.events);
    if (outcome.pending) await this.state.learning.set(context, outcome.pending);
  }

  /** Hands the events of a turn whose state is saved to the event log. */
  afterSave(_context: TurnContext, record: TurnRecord): void {
    this.loop.write(record.learningEvents);
  }
}

function originOf(context: TurnContext): { channelId?: string; userId?: string } {
  return { channelId: context.activity.channelId, userId: context.activity.from?.id };
}
