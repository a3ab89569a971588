import { ActivityHandler, Channels, type TurnContext } from 'botbuilder';
import type { Dialog, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { SkillValidation, type ClaimsIdentity } from 'botframework-connector';
import { runDialog } from './botbuilderDialogs.js';
import { chooseReplyLanguage, type Language } from './nlu/language.js';
import { isTeamsGroupConversation, suggestedActionsToCardButtons, TEAMS_CHANNEL, textWithoutBotMention } from './channels/teams.js';
import { Outbox } from './outbox.js';
import { KeyedQueue } from './util/keyedQueue.js';
import type { Replies } from './replies.js';
import { STATE_VERSION, type BotStateAccessors } from './turn/state.js';
import { isETagConflict } from './storage/guardedStorage.js';
import { withTurnETags } from './storage/turnETags.js';
import { setTurnLanguage } from './turnLanguage.js';
import type { LearningLoop } from './learning/learningLoop.js';
import { DESK_NOTICE, type DeskNotice, type Handoff } from './handoff/handoff.js';
import { handOverRoute, type MessageRouter } from './messageRoute.js';

/** What the bot needs; built in index.ts, replaced in tests. */
export interface BotDependencies {
  /** Every state accessor, and the conversation and user state they belong to. */
  state: BotStateAccessors;
  rootDialog: Dialog;
  /** The replies in each language. */
  replies: Record<Language, Replies>;
  defaultLanguage: Language;
  /** Longest text read; the rest is cut and the user told. */
  maxTextChars: number;
  /**
   * Repairs state the store reports as corrupt (for example by moving it aside); resolves true when
   * the error was such a report and the state is gone, so the turn can start the conversation over.
   */
  repairCorruptState?: (error: unknown) => Promise<boolean>;
  /** Talking to a person: the transcript, messages passed on during a handoff, desk notices and handoff.status events. */
  handoff?: Handoff;
  /** The learning loop: "Helpful?" feedback and the event log; absent with EVENT_LOG=off. */
  learning?: LearningLoop;
  /**
   * The root dialog's routing, called directly for a message when no dialog is running, which spares
   * the turn botbuilder-dialogs' machinery (a third of an FAQ turn). Without it every message goes
   * through `runDialog`; tests compare the two.
   */
  router?: MessageRouter;
}

/** How often a turn is run again when another instance changed the conversation at the same time. */
const MAX_TURN_ATTEMPTS = 5;

const HAS_WORD = /[\p{L}\p{N}]/u;
/**
 * Where botbuilder-dialogs looks in turn state for a turn's memory scopes and path resolvers; it
 * builds them afresh from the component registrations when they are missing (a tenth of the
 * dialog's time), then keeps them there for the rest of the turn.
 */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * The activity handler: welcomes new members, picks the reply language, turns away input the
 * matcher cannot read (empty, emoji only, attachments only), and hands every other message to
 * the root dialog. State is saved after every turn.
 */
export class IcpBot extends ActivityHandler {
  private readonly repliesByLanguage: Record<Language, Replies>;
  private readonly conversationQueue = new KeyedQueue();
  /**
   * The memory scopes and path resolvers botbuilder built on the first turn. They hold nothing of a
   * turn, so every later turn reuses them, as DialogManager's `stateConfiguration` option does.
   */
  private dialogStateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: BotDependencies) {
    super();
    for (const key of ['state', 'rootDialog', 'replies'] as const) {
      if (!deps[key]) throw new Error(`IcpBot(): missing dependency "${key}"`);
    }
    this.repliesByLanguage = deps.replies;

    this.onMembersAdded(async (context, next) => {
      const language = await this.replyLanguage(context);
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      // Teams adds the bot itself when the app is installed (personal, team or group chat): welcome
      // then, and not every time someone joins a team. Elsewhere, welcome the user who joins.
      const welcome = context.activity.channelId === TEAMS_CHANNEL ? added.some((m) => m.id === botId) : added.some((m) => m.id !== botId);
      if (welcome) await context.sendActivity(this.replies(language).welcome());
      await next();
    });

    this.onMessage(async (context, next) => {
      context.activity.text = textWithoutBotMention(context.activity) as string;
      await this.deps.state.messageCount.set(context, (await this.deps.state.messageCount.get(context, 0)) + 1);
      const language = await this.replyLanguage(context);
      const replies = this.replies(language);
      await deps.handoff?.recordUser(context);
      // While a person has the conversation, what the user writes goes to them, whatever it is.
      if (await deps.handoff?.onUserMessage(context, language)) return next();
      // A 👍 / 👎 on the last answer is feedback, not a question ("👍" alone has no words either).
      if (await deps.learning?.handleFeedback(context, replies)) return next();
      const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
      if (raw.trim().length === 0) {
        const hasAttachments = (context.activity.attachments?.length ?? 0) > 0;
        // A button value without text (for example from an Adaptive Card) goes to the dialog.
        if (context.activity.value === undefined) {
          await context.sendActivity(replies.text(replies.t(hasAttachments ? 'input.attachmentOnly' : 'input.empty')));
          return next();
        }
      } else if (!HAS_WORD.test(raw)) {
        await context.sendActivity(replies.text(replies.t('input.noWords')));
        return next();
      }
      if (raw.length > this.deps.maxTextChars) {
        context.activity.text = raw.slice(0, this.deps.maxTextChars);
        await context.sendActivity(replies.text(replies.t('input.truncated', { max: this.deps.maxTextChars })));
      }
      await this.runRootDialog(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      const handoff = this.deps.handoff;
      // Desk notices come only from this process's own proactive turns (turn state, not the activity).
      const notice = context.turnState.get(DESK_NOTICE) as DeskNotice | undefined;
      if (handoff && notice) await handoff.onDeskNotice(context, notice, await this.replyLanguage(context));
      else if (handoff && context.activity.name === 'handoff.status') await handoff.onStatus(context, await this.replyLanguage(context));
      await next();
    });
    deps.handoff?.bindTurnRunner((context) => this.run(context));
  }

  /** Runs the turn, then saves conversation and user state (also after an error the handler caught). */
  /**
   * Runs the turn and saves conversation and user state before any reply goes out. When another
   * instance saved the same conversation meanwhile (eTag conflict), the turn runs again on fresh
   * state; state that is corrupt or of another version is dropped and the user told.
   */
  override async run(context: TurnContext): Promise<void> {
    // Turns of one conversation run one after another in this process; across processes the
    // eTags sort them out.
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    return this.conversationQueue.run(key, () => this.runTurn(context));
  }

  private async runTurn(context: TurnContext): Promise<void> {
    // Before the outbox, so what the bot says is in the transcript it saves with the turn (and only then).
    let recording = true;
    if (this.deps.handoff) {
      const handoff = this.deps.handoff;
      context.onSendActivities(async (turn, activities, next) => {
        if (recording) await handoff.recordReplies(turn, activities);
        return next();
      });
    }
    const outbox = new Outbox(context);
    if (isTeamsGroupConversation(context.activity)) {
      context.onSendActivities(async (_context, activities, next) => {
        activities.splice(0, activities.length, ...activities.map(suggestedActionsToCardButtons));
        return next();
      });
    }
    const { conversationState, userState } = this.deps.state;
    for (let attempt = 1; ; attempt += 1) {
      this.deps.learning?.beginAttempt(context);
      try {
        await withTurnETags(async () => {
          await conversationState.load(context, true);
          await userState.load(context, true);
          await this.checkStateVersion(context);
          await super.run(context);
          await conversationState.saveChanges(context, false);
          await userState.saveChanges(context, false);
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
    // Only a turn whose state is saved is logged, once, however often it ran.
    this.deps.learning?.commit(context);
    await outbox.flush();
  }

  /**
   * Hands the message to the root dialog. With no dialog running, the root dialog would only route
   * it (its first step) and end, leaving the stack empty again: the router does that directly, with
   * the same replies and the same state, and only a route into a dialog runs the dialog stack.
   */
  private async runRootDialog(context: TurnContext): Promise<void> {
    if (this.deps.router && routesLikeRunDialog(context)) {
      // Read as runDialog reads it, so a new conversation stores the same empty stack.
      const dialogState = await this.deps.state.dialogState.get(context, { dialogStack: [] });
      if (dialogState.dialogStack.length === 0) {
        const route = await this.deps.router.routeMessage(context);
        if (route.kind !== 'begin') return;
        // Already routed (and recorded): the root dialog begins this route's dialog without routing again.
        handOverRoute(context, route);
      }
    }
    if (this.dialogStateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.dialogStateConfiguration);
    await runDialog(this.deps.rootDialog, context, this.deps.state.dialogState);
    this.dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION) as DialogStateManagerConfiguration | undefined;
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
    await this.deps.state.conversationState.clear(context);
    await this.deps.state.conversationState.delete(context).catch(() => undefined);
    await this.deps.state.stateVersion.set(context, STATE_VERSION);
    const language = chooseReplyLanguage({ activityLocale: context.activity.locale, text: context.activity.text, fallback: this.deps.defaultLanguage });
    const replies = this.replies(language);
    await context.sendActivity(replies.text(replies.t('error.stateReset')));
  }

  private async replyLanguage(context: TurnContext): Promise<Language> {
    const language = chooseReplyLanguage({
      chosen: await this.deps.state.chosenLanguage.get(context),
      activityLocale: context.activity.locale,
      text: typeof context.activity.text === 'string' ? context.activity.text : undefined,
      previous: await this.deps.state.lastLanguage.get(context),
      fallback: this.deps.defaultLanguage,
    });
    await this.deps.state.lastLanguage.set(context, language);
    setTurnLanguage(context, language);
    return language;
  }

  private replies(language: Language): Replies {
    return this.repliesByLanguage[language];
  }
}

/**
 * Whether routing without the dialog stack gives exactly what `runDialog` would. Not in the
 * Emulator, which shows the memory snapshot `runDialog` sends as a trace each turn, nor when the
 * bot runs as another bot's skill, where a finished root dialog tells the parent bot with an
 * endOfConversation.
 */
function routesLikeRunDialog(context: TurnContext): boolean {
  if (context.activity.channelId === Channels.Emulator) return false;
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
  return !(identity && SkillValidation.isSkillClaim(identity.claims));
}
