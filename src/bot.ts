import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import type { KnowledgeBase } from './knowledge/types.js';
import { chooseReplyLanguage, type Language } from './nlu/language.js';
import { Replies } from './replies.js';
import { setTurnLanguage } from './turnLanguage.js';

/** What the bot needs; built in index.ts, replaced in tests. */
export interface BotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  rootDialog: Dialog;
  chosenLanguage: StatePropertyAccessor<Language | undefined>;
  i18n: i18n;
  knowledge: KnowledgeBase;
  defaultLanguage: Language;
  /** Longest text read; the rest is cut and the user told. */
  maxTextChars: number;
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The activity handler: welcomes new members, picks the reply language, turns away input the
 * matcher cannot read (empty, emoji only, attachments only), and hands every other message to
 * the root dialog. State is saved after every turn.
 */
export class IcpBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly repliesByLanguage: Record<Language, Replies>;

  constructor(private readonly deps: BotDependencies) {
    super();
    for (const key of ['conversationState', 'userState', 'rootDialog', 'chosenLanguage', 'i18n', 'knowledge'] as const) {
      if (!deps[key]) throw new Error(`IcpBot(): missing dependency "${key}"`);
    }
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.repliesByLanguage = Replies.forLanguages(deps.i18n, deps.knowledge);

    this.onMembersAdded(async (context, next) => {
      const language = await this.replyLanguage(context);
      const botId = context.activity.recipient?.id;
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== botId) {
          await context.sendActivity(this.replies(language).welcome());
          break;
        }
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const language = await this.replyLanguage(context);
      const replies = this.replies(language);
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
      await runDialog(this.deps.rootDialog, context, this.dialogState);
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (also after an error the handler caught). */
  override async run(context: TurnContext): Promise<void> {
    // runDialog sends a "BotState" trace with a memory snapshot every turn; only the Emulator
    // shows traces, and over expectReplies they would hand every client its own state dump.
    if (context.activity.channelId !== 'emulator') {
      context.onSendActivities(async (_context, activities, next) => {
        const kept = activities.filter((activity) => activity.type !== 'trace');
        if (kept.length === 0) return [];
        activities.splice(0, activities.length, ...kept);
        return next();
      });
    }
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async replyLanguage(context: TurnContext): Promise<Language> {
    const language = chooseReplyLanguage({
      chosen: await this.deps.chosenLanguage.get(context),
      activityLocale: context.activity.locale,
      text: typeof context.activity.text === 'string' ? context.activity.text : undefined,
      fallback: this.deps.defaultLanguage,
    });
    setTurnLanguage(context, language);
    return language;
  }

  private replies(language: Language): Replies {
    return this.repliesByLanguage[language];
  }
}
