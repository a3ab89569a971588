import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import type { Config } from './config.js';
import { chooseReplyLanguage } from './nlu/language.js';
import { isETagConflict, StorageUnavailableError } from './storage/guardedStorage.js';
import { getTurnLanguage } from './turnLanguage.js';

/**
 * The CloudAdapter with Bot Framework authentication from configuration (open when no app id is
 * set) and the one turn-error handler: log, tell the user in their language, clear the
 * conversation's dialog state so the next message starts clean.
 */
export function makeAdapter(
  config: Config,
  deps: { i18n: i18n; conversationState: ConversationState; log: (level: 'error', message: string) => void },
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const conversation = context.activity.conversation?.id ?? '?';
    deps.log(
      'error',
      error instanceof StorageUnavailableError
        ? `state store unavailable in conversation ${conversation}: ${error.message}`
        : `turn error in conversation ${conversation}: ${error.stack ?? error.message}`,
    );
    const language =
      getTurnLanguage(context) ?? chooseReplyLanguage({ activityLocale: context.activity.locale, text: context.activity.text, fallback: config.DEFAULT_LOCALE });
    try {
      // A store that cannot be reached, or a conversation other instances keep changing, stays as it
      // was: nothing to clear, the user just tries again.
      if (error instanceof StorageUnavailableError || isETagConflict(error)) {
        const key = error instanceof StorageUnavailableError ? 'error.storage' : 'error.busy';
        await context.sendActivity({ type: 'message', text: deps.i18n.t(key, { lng: language }), locale: language });
        return;
      }
      await context.sendActivity({ type: 'message', text: deps.i18n.t('error.turn', { lng: language }), locale: language });
      await deps.conversationState.delete(context);
    } catch (sendError) {
      deps.log('error', `could not tell the user about the error: ${(sendError as Error).message}`);
    }
  };
  return adapter;
}
