import type { ConversationState, StatePropertyAccessor, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { HandoffSession, TranscriptLine, UnansweredQuestion } from '../handoff/types.js';
import type { LearningPending } from '../learning/learningLoop.js';
import type { Language } from '../nlu/language.js';
import type { Profile } from '../rules/index.js';

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
    this.dialogState = conversationState.createProperty('dialogState');
    this.stateVersion = conversationState.createProperty('stateVersion');
    this.messageCount = conversationState.createProperty('messageCount');
    this.lastLanguage = conversationState.createProperty('lastLanguage');
    this.lastCheck = conversationState.createProperty('lastCheck');
    this.knownFacts = conversationState.createProperty('knownFacts');
    this.handoff = conversationState.createProperty('handoff');
    this.transcript = conversationState.createProperty('transcript');
    this.unansweredStreak = conversationState.createProperty('unansweredStreak');
    this.lastUnanswered = conversationState.createProperty('lastUnanswered');
    this.lastQuestion = conversationState.createProperty('lastQuestion');
    this.learning = conversationState.createProperty('learning');
    this.chosenLanguage = userState.createProperty('chosenLanguage');
  }
}
