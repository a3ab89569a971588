import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { chooseReplyLanguage, type Language } from '../nlu/language.js';
import { Outbox } from './outbox.js';
import type { Replies } from '../replies.js';
import { isETagConflict } from '../storage/guardedStorage.js';
import { withTurnETags } from '../storage/turnETags.js';
import { STATE_VERSION, type BotStateAccessors } from './state.js';
import { startAttempt, type TurnRecord } from './turnRecord.js';

/** How often a turn is run again when another instance changed the conversation at the same time. */
const MAX_TURN_ATTEMPTS = 5;

/** What watches every turn from outside the bot: the handoff's transcript and triggers, the learning loop. */
export interface TurnObserver {
  /** At the start of each attempt of the turn, with its state loaded. */
  beforeTurn?(context: TurnContext, record: TurnRecord): Promise<void>;
  /** The turn's replies as it sends them, until its state is saved. */
  onReplies?(context: TurnContext, activities: readonly Partial<Activity>[]): Promise<void>;
  /** After the bot handled the turn, before its state is saved: reads what the turn record holds. */
  afterTurn?(context: TurnContext, record: TurnRecord): Promise<void>;
  /** Once the turn's state is saved: once per turn, however often it ran. */
  afterSave?(context: TurnContext, record: TurnRecord): void;
}

/** What {@link StateTurn} needs; built in app.ts. */
export interface StateTurnDependencies {
  state: BotStateAccessors;
  /** For the word to the user when their conversation starts over. */
  replies: Record<Language, Replies>;
  defaultLanguage: Language;
  /**
   * Repairs state the store reports as corrupt (for example by moving it aside); resolves true when
   * the error was such a report and the state is gone, so the turn can start the conversation over.
   */
  repairCorruptState?: (error: unknown) => Promise<boolean>;
  observers: readonly TurnObserver[];
}

/**
 * Runs the rest of the turn on loaded state and saves it before any reply goes out (the outbox
 * holds them). When another instance saved the same conversation meanwhile (eTag conflict), the
 * turn runs again on fresh state; state that is corrupt or of another version is dropped and the
 * user told. Observers read the turn record after each attempt, and once more after the save.
 */
export class StateTurn implements Middleware {
  constructor(private readonly deps: StateTurnDependencies) {
    if (!deps.state || !deps.replies || !deps.observers) throw new Error('StateTurn(): state, replies and observers are required');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { state, observers } = this.deps;
    // Before the outbox, so the observers see what the bot says in the attempt that is saved (and only then).
    let recording = true;
    const watchers = observers.filter((observer) => observer.onReplies);
    if (watchers.length > 0) {
      context.onSendActivities(async (turn, activities, sendNext) => {
        if (recording) for (const watcher of watchers) await watcher.onReplies?.(turn, activities);
        return sendNext();
      });
    }
    const outbox = new Outbox(context);
    let record: TurnRecord;
    for (let attempt = 1; ; attempt += 1) {
      record = startAttempt(context);
      try {
        await withTurnETags(async () => {
          await state.conversationState.load(context, true);
          await state.userState.load(context, true);
          await this.checkStateVersion(context);
          for (const observer of observers) await observer.beforeTurn?.(context, record);
          await next();
          for (const observer of observers) await observer.afterTurn?.(context, record);
          await state.conversationState.saveChanges(context, false);
          await state.userState.saveChanges(context, false);
        });
        recording = false;
        break;
      } catch (error) {
        if (isETagConflict(error) && attempt < MAX_TURN_ATTEMPTS) {
          outbox.discard();
          // A little random wait, so the two instances that collided do not collide again.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          continue;
        }
        if (attempt < MAX_TURN_ATTEMPTS && (await this.deps.repairCorruptState?.(error))) {
          outbox.discard();
          await this.startOver(context);
          continue;
        }
        recording = false;
        outbox.release();
        throw error;
      }
    }
    for (const observer of observers) observer.afterSave?.(context, record);
    await outbox.flush();
  }

  /** Conversation state written by another version of the bot is dropped, with a word to the user. */
  private async checkStateVersion(context: TurnContext): Promise<void> {
    const version = await this.deps.state.stateVersion.get(context);
    if (version === STATE_VERSION) return;
    if (version !== undefined) await this.startOver(context);
    await this.deps.state.stateVersion.set(context, STATE_VERSION);
  }

  /** Clears this conversation's state and says so, in the language of the message. */
  private async startOver(context: TurnContext): Promise<void> {
    const { conversationState, stateVersion } = this.deps.state;
    await conversationState.clear(context);
    await conversationState.delete(context).catch(() => undefined);
    await stateVersion.set(context, STATE_VERSION);
    const language = chooseReplyLanguage({ activityLocale: context.activity.locale, text: context.activity.text, fallback: this.deps.defaultLanguage });
    const replies = this.deps.replies[language];
    await context.sendActivity(replies.text(replies.t('error.stateReset')));
  }
}
