import type { BotState, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { HandoffSession, TranscriptLine, UnansweredQuestion } from '../handoff/types.js';
import type { LearningPending } from '../learning/learningLoop.js';
import type { ConversationTopic } from '../nlu/followUp.js';
import type { Language } from '../nlu/language.js';
import type { UnderstoodPlaces } from '../check/replies.js';
import type { Profile } from '../rules/index.js';

/** See {@link BotStateAccessors.knownNotes}: the notes of {@link UnderstoodPlaces} that outlast their message. */
export type KnownNotes = Pick<UnderstoodPlaces, 'industry' | 'payments'>;

/** Version of the shape of conversation state; state written under another version starts over. */
export const STATE_VERSION = 1;

/**
 * Every piece of state the bot keeps, typed, under the name it is stored by. Built once in app.ts
 * and handed to whatever reads or writes a piece, so the stored shape is readable in one place and
 * {@link STATE_VERSION} changes with it.
 */
export class BotStateAccessors {
  /** The dialog stack (the check's answers, the offer of a person). */
  readonly dialogState: StatePropertyAccessor<DialogState>;
  readonly stateVersion: StatePropertyAccessor<number>;
  /** Messages handled in this conversation: shows, across instances, that no turn's save was lost. */
  readonly messageCount: StatePropertyAccessor<number>;
  /** The language of the conversation's last reply, for messages with no words to tell ("3"). */
  readonly lastLanguage: StatePropertyAccessor<Language | undefined>;
  /** The last completed check's profile, for "why?" after its result and for the case file. */
  readonly lastCheck: StatePropertyAccessor<Profile | undefined>;
  /** Facts the user has stated in this conversation, carried into later answers and into the check. */
  readonly knownFacts: StatePropertyAccessor<Profile>;
  /**
   * What the user said of the site that is no fact of the rules, carried into later verdicts and into the check: its content is of
   * an industry that may need a prior approval, it takes payments (see UnderstoodPlaces).
   */
  readonly knownNotes: StatePropertyAccessor<KnownNotes>;
  /** What the last reply was on, for a follow-up ("what about the first step?"). */
  readonly conversationTopic: StatePropertyAccessor<ConversationTopic | undefined>;
  /** The handoff under way, if any. */
  readonly handoff: StatePropertyAccessor<HandoffSession | undefined>;
  /** What was said, for a case file. */
  readonly transcript: StatePropertyAccessor<TranscriptLine[]>;
  /** Unanswered messages in a row, towards the offer of a person. */
  readonly unansweredStreak: StatePropertyAccessor<number>;
  readonly lastUnanswered: StatePropertyAccessor<UnansweredQuestion | undefined>;
  /** The last question (not a command), which the agent's queue shows. */
  readonly lastQuestion: StatePropertyAccessor<string | undefined>;
  /** What the learning loop's next turn needs: the answer to rate, the entries offered. */
  readonly learning: StatePropertyAccessor<LearningPending | undefined>;
  /** The user's explicit language choice, kept across conversations. */
  readonly chosenLanguage: StatePropertyAccessor<Language | undefined>;

  constructor(
    readonly conversationState: ConversationState,
    readonly userState: UserState,
  ) {
    if (!conversationState || !userState) throw new Error('BotStateAccessors(): conversationState and userState are required');
    this.dialogState = new TurnProperty(conversationState, 'dialogState');
    this.stateVersion = new TurnProperty(conversationState, 'stateVersion');
    this.messageCount = new TurnProperty(conversationState, 'messageCount');
    this.lastLanguage = new TurnProperty(conversationState, 'lastLanguage');
    this.lastCheck = new TurnProperty(conversationState, 'lastCheck');
    this.knownFacts = new TurnProperty(conversationState, 'knownFacts');
    this.knownNotes = new TurnProperty(conversationState, 'knownNotes');
    this.conversationTopic = new TurnProperty(conversationState, 'conversationTopic');
    this.handoff = new TurnProperty(conversationState, 'handoff');
    this.transcript = new TurnProperty(conversationState, 'transcript');
    this.unansweredStreak = new TurnProperty(conversationState, 'unansweredStreak');
    this.lastUnanswered = new TurnProperty(conversationState, 'lastUnanswered');
    this.lastQuestion = new TurnProperty(conversationState, 'lastQuestion');
    this.learning = new TurnProperty(conversationState, 'learning');
    this.chosenLanguage = new TurnProperty(userState, 'chosenLanguage');
  }
}

/**
 * A state property with the semantics of botbuilder's `BotStatePropertyAccessor` (`createProperty`):
 * the same stored shape, a default stored as a JSON copy, `delete` only of an own property. Once the
 * turn has loaded its state (StateTurn loads it first) each call is one settled promise on the
 * cached object, where botbuilder's nests several; a turn touches a dozen properties.
 */
export class TurnProperty<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly state: BotState,
    readonly name: string,
  ) {
    if (!state || !name) throw new Error('TurnProperty(): state and name are required');
  }

  get(context: TurnContext): Promise<T | undefined>;
  get(context: TurnContext, defaultValue: T): Promise<T>;
  get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    return this.onState(context, (state) => this.read(state, defaultValue));
  }

  set(context: TurnContext, value: T): Promise<void> {
    return this.onState(context, (state) => void (state[this.name] = value));
  }

  delete(context: TurnContext): Promise<void> {
    return this.onState(context, (state) => this.remove(state));
  }

  /** Uses the turn's state as loaded, in one settled promise, or loads it first. */
  private onState<R>(context: TurnContext, use: (state: Record<string, unknown>) => R): Promise<R> {
    const loaded = this.state.get(context);
    return loaded ? Promise.resolve(use(loaded)) : this.state.load(context).then(use);
  }

  private read(state: Record<string, unknown>, defaultValue: T | undefined): T | undefined {
    if (!Object.prototype.hasOwnProperty.call(state, this.name) && defaultValue !== undefined) {
      state[this.name] = typeof defaultValue === 'object' ? JSON.parse(JSON.stringify(defaultValue)) : defaultValue;
    }
    return state[this.name] as T | undefined;
  }

  private remove(state: Record<string, unknown>): void {
    if (Object.prototype.hasOwnProperty.call(state, this.name)) delete state[this.name];
  }
}
