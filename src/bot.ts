import { ActivityHandler, Channels, MiddlewareSet, type TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { SkillValidation, type ClaimsIdentity } from 'botframework-connector';
import { DialogSet, runDialog } from '../dialogs/botbuilderDialogs.js';
import { TeamsCardsMiddleware, TeamsMentionMiddleware, TEAMS_CHANNEL } from './channels/teams.js';
import type { HandoffEvents } from './handoff/events.js';
import type { Handoff } from './handoff/handoff.js';
import type { MessageRoute, MessageRouter } from './turn/messageRoute.js';
import type { Language } from './nlu/language.js';
import type { Replies } from './replies.js';
import { checkInput } from './turn/inputPolicy.js';
import { LanguageMiddleware } from './turn/language.js';
import type { LearningTurns } from './turn/learningTurns.js';
import type { BotStateAccessors } from './turn/state.js';
import { StateTurn, type TurnObserver } from './turn/stateTurn.js';
import { turnRecord } from './turn/turnRecord.js';
import { KeyedQueue } from './util/keyedQueue.js';

/** What the bot needs; built in app.ts, replaced in tests. */
export interface BotDependencies {
  state: BotStateAccessors;
  /** The root dialog: begun with a route, or continued while one of its dialogs waits for an answer. */
  rootDialog: Dialog<MessageRoute>;
  replies: Record<Language, Replies>;
  defaultLanguage: Language;
  /** Longest text read; the rest is cut and the user told. */
  maxTextChars: number;
  /** Repairs state the store reports as corrupt; see {@link StateTurn}. */
  repairCorruptState?: (error: unknown) => Promise<boolean>;
  /** The session with a person: while it lasts, the user's messages go to them. */
  handoff?: Handoff;
  /** Desk notices and handoff.status events. */
  handoffEvents?: HandoffEvents;
  /** The learning loop's turn side: "Helpful?" feedback; absent with EVENT_LOG=off. */
  learning?: LearningTurns;
  /** What reads each turn's record (the handoff's transcript and triggers, the learning loop). */
  observers?: readonly TurnObserver[];
  /**
   * The root dialog's routing, called directly for a message when no dialog is running, which spares
   * the turn botbuilder-dialogs' machinery. Without it every message goes through `runDialog`; tests
   * compare the two.
   */
  router?: MessageRouter;
}

/**
 * The activity handler: welcomes new members, passes messages to a person while a handoff lasts,
 * answers feedback, turns away input the matcher cannot read, and routes every other message.
 * What crosses every turn runs around it, in this order: the Teams mention, the state turn (state,
 * outbox, eTag retry, observers), Teams card buttons, the reply language.
 */
export class IcpBot extends ActivityHandler {
  private readonly conversationQueue = new KeyedQueue();
  private readonly pipeline: MiddlewareSet;
  private readonly language: LanguageMiddleware;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDependencies) {
    super();
    for (const key of ['state', 'rootDialog', 'replies', 'defaultLanguage'] as const) {
      if (!deps[key]) throw new Error(`IcpBot(): missing dependency "${key}"`);
    }
    this.language = new LanguageMiddleware(deps.state, deps.defaultLanguage);
    this.pipeline = new MiddlewareSet(
      new TeamsMentionMiddleware(),
      new StateTurn({ state: deps.state, replies: deps.replies, defaultLanguage: deps.defaultLanguage, repairCorruptState: deps.repairCorruptState, observers: deps.observers ?? [] }),
      new TeamsCardsMiddleware(),
      this.language,
    );
    this.dialogs = new DialogSet(deps.state.dialogState).add(deps.rootDialog);

    this.onMembersAdded(async (context, next) => {
      const replies = this.replies(context);
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      // Teams adds the bot itself when the app is installed (personal, team or group chat): welcome
      // then, and not every time someone joins a team. Elsewhere, welcome the user who joins.
      const welcome = context.activity.channelId === TEAMS_CHANNEL ? added.some((m) => m.id === botId) : added.some((m) => m.id !== botId);
      if (welcome) await context.sendActivity(replies.welcome());
      await next();
    });

    this.onMessage(async (context, next) => {
      const { state } = this.deps;
      await state.messageCount.set(context, (await state.messageCount.get(context, 0)) + 1);
      const replies = this.replies(context);
      // While a person has the conversation, what the user writes goes to them, whatever it is.
      if (await this.deps.handoff?.onUserMessage(context, replies.language)) return next();
      // A 👍 / 👎 on the last answer is feedback, not a question ("👍" alone has no words either).
      if (await this.deps.learning?.handleFeedback(context, turnRecord(context), replies)) return next();
      if (await checkInput(context, replies, this.deps.maxTextChars)) await this.routeMessage(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      const events = this.deps.handoffEvents;
      // Desk notices come only from this process's own proactive turns (the turn record, not the activity).
      const notice = turnRecord(context).deskNotice;
      if (events && notice) await events.onDeskNotice(context, notice, await this.language.decide(context));
      else if (events && context.activity.name === 'handoff.status') await events.onStatus(context, await this.language.decide(context));
      await next();
    });
  }

  /** Runs the turn through the pipeline; turns of one conversation run one after another in this process (across processes the eTags sort them out). */
  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    return this.conversationQueue.run(key, () => this.pipeline.run(context, () => super.run(context)));
  }

  /**
   * One path per message: while a dialog waits, it gets the message; otherwise the router decides,
   * replying itself, and only a route into a dialog begins the root dialog with that route.
   */
  private async routeMessage(context: TurnContext): Promise<void> {
    const { router, rootDialog, state } = this.deps;
    if (router && routesLikeRunDialog(context)) {
      // The stack as DialogSet.createContext reads it (with the same default), without building a
      // dialog context and its memory scopes for the many messages that begin no dialog.
      const dialogState = await state.dialogState.get(context, { dialogStack: [] });
      if (dialogState.dialogStack.length === 0) {
        const route = await router.routeMessage(context);
        if (route.kind === 'begin') await (await this.dialogs.createContext(context)).beginDialog(rootDialog.id, route);
        return;
      }
    }
    await runDialog(rootDialog, context, state.dialogState);
  }

  private replies(context: TurnContext): Replies {
    return this.deps.replies[turnRecord(context).language ?? this.deps.defaultLanguage];
  }
}

/**
 * Whether routing without `runDialog` gives exactly what it would. Not in the Emulator, which shows
 * the memory snapshot `runDialog` sends as a trace each turn, nor when the bot runs as another
 * bot's skill, where a finished root dialog tells the parent bot with an endOfConversation.
 */
function routesLikeRunDialog(context: TurnContext): boolean {
  if (context.activity.channelId === Channels.Emulator) return false;
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
  return !(identity && SkillValidation.isSkillClaim(identity.claims));
}
