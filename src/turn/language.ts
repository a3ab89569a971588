import type { Middleware, TurnContext } from 'botbuilder';
import { chooseReplyLanguage, type Language } from '../nlu/language.js';
import type { BotStateAccessors } from './state.js';
import { turnRecord } from './turnRecord.js';

/**
 * Decides the reply language of a message or a welcome (the user's choice, the activity's locale,
 * the text, the conversation's last language) and puts it on the turn record, where the dialogs
 * and the error handler read it. Other turns decide only when they reply ({@link decide}).
 */
export class LanguageMiddleware implements Middleware {
  constructor(
    private readonly state: BotStateAccessors,
    private readonly defaultLanguage: Language,
  ) {
    if (!state || !defaultLanguage) throw new Error('LanguageMiddleware(): state and defaultLanguage are required');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, membersAdded } = context.activity;
    if (type === 'message' || (type === 'conversationUpdate' && (membersAdded?.length ?? 0) > 0)) await this.decide(context);
    await next();
  }

  /** Decides the turn's reply language, remembers it as the conversation's last, and returns it. */
  async decide(context: TurnContext): Promise<Language> {
    const language = chooseReplyLanguage({
      chosen: await this.state.chosenLanguage.get(context),
      activityLocale: context.activity.locale,
      text: typeof context.activity.text === 'string' ? context.activity.text : undefined,
      previous: await this.state.lastLanguage.get(context),
      fallback: this.defaultLanguage,
    });
    await this.state.lastLanguage.set(context, language);
    turnRecord(context).language = language;
    return language;
  }
}
