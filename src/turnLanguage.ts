import type { TurnContext } from 'botbuilder';
import type { Language } from './nlu/language.js';

const KEY = Symbol('replyLanguage');

/** Remembers the reply language chosen for this turn, so dialogs and the error handler use the same one. */
export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(KEY, language);
}

/** The reply language chosen for this turn, if the bot got that far. */
export function getTurnLanguage(context: TurnContext): Language | undefined {
  return context.turnState.get(KEY) as Language | undefined;
}
