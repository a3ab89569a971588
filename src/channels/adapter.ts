import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type InvokeResponse,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import type { Config } from '../config.js';
import { chooseReplyLanguage } from '../nlu/language.js';
import { ReusingBotFrameworkAuthentication } from './reusedClients.js';
import { RepliesUndeliveredError } from '../turn/outbox.js';
import { isETagConflict, StorageUnavailableError } from '../storage/guardedStorage.js';
import { existingTurnRecord } from '../turn/turnRecord.js';

/** Names of the errors jsonwebtoken throws for a token that is malformed, badly signed or out of date. */
const TOKEN_ERRORS = new Set(['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Whether an error from authenticating a request means "this token is not valid" (401) rather than "cannot check now". */
export function isInvalidCredentials(error: unknown): boolean {
  if (error instanceof AuthenticationError) return true;
  return error instanceof Error && TOKEN_ERRORS.has(error.name);
}

/**
 * Whether an authenticated request carried a validated channel token, rather than being let in
 * anonymously because no app id is configured (anonymous identities carry no issuer).
 */
export function fromChannelToken(result: AuthenticateRequestResult): boolean {
  return result.claimsIdentity.getClaimValue('iss') !== null;
}

/**
 * The CloudAdapter, with authentication as a step of its own so the server can answer a bad token
 * with 401 (botbuilder's own `process` turns a badly signed token into a 500).
 */
export class IcpAdapter extends CloudAdapter {
  /**
   * Checks a request's Bot Framework credentials; rejects as {@link isInvalidCredentials} tells.
   * A token without an expiry is refused too: jsonwebtoken only checks `exp` when it is present,
   * and a token that never expires stays usable however long ago it leaked.
   */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    if (fromChannelToken(result) && !Number.isFinite(result.claimsIdentity.getClaimValue('exp'))) {
      throw new AuthenticationError('IcpAdapter.authenticate(): the token has no expiry (exp)', StatusCodes.UNAUTHORIZED);
    }
    return result;
  }

  /** Runs a turn for an activity whose request {@link authenticate} accepted; resolves to the invoke or expectReplies response. */
  runAuthenticated(authentication: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

/**
 * The CloudAdapter with Bot Framework authentication from configuration (open when no app id is
 * set; its connector and user token clients built once, not per turn, their requests bounded by
 * REPLY_TIMEOUT_MS) and the one turn-error handler: log, tell the user in their language, clear the
 * conversation's dialog state so the next message starts clean. Replies the channel did not take
 * leave the saved state alone and fail the request ({@link RepliesUndeliveredError}).
 */
export function makeAdapter(
  config: Config,
  deps: { i18n: i18n; conversationState: ConversationState; log: (level: 'error', message: string) => void },
): IcpAdapter {
  const auth = new ReusingBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      ...(config.BOT_OPENID_METADATA_URL ? publicCloudWithMetadata(config.BOT_OPENID_METADATA_URL) : {}),
    } as ConfigurationBotFrameworkAuthenticationOptions,
    { requestTimeoutMs: config.REPLY_TIMEOUT_MS },
  );
  const adapter = new IcpAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const conversation = context.activity.conversation?.id ?? '?';
    deps.log(
      'error',
      error instanceof StorageUnavailableError
        ? `state store unavailable in conversation ${conversation}: ${error.message}`
        : error instanceof RepliesUndeliveredError
          ? `replies not delivered in conversation ${conversation}, its state kept: ${error.message}`
          : `turn error in conversation ${conversation}: ${error.stack ?? error.message}`,
    );
    const language =
      existingTurnRecord(context)?.language ?? chooseReplyLanguage({ activityLocale: context.activity.locale, text: context.activity.text, fallback: config.DEFAULT_LOCALE });
    if (error instanceof RepliesUndeliveredError) {
      // The turn's state is saved and stays. A channel that answered refused that reply and may take
      // the apology; one that could not be reached is not tried again. The error goes on, so the
      // request ends with an error status rather than a 200 for replies nobody received.
      if (error.channelStatus !== undefined) {
        await context
          .sendActivity({ type: 'message', text: deps.i18n.t('error.turn', { lng: language }), locale: language })
          .catch((sendError: Error) => deps.log('error', `could not tell the user about the error: ${sendError.message}`));
      }
      throw error;
    }
    try {
      // A store that cannot be reached, or a conversation other instances keep changing, is left
      // untouched: nothing to clear, the user just tries again.
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

/**
 * botbuilder treats any one of its cloud settings as "all are given", so a custom metadata URL
 * comes with the public cloud's other values.
 */
function publicCloudWithMetadata(metadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
