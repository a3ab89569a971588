import { TurnContext, type Activity, type ActivityHandler, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type AuthenticateRequestResult } from 'botframework-connector';
import { LoopbackConnectorFactory } from './connectorFactory.js';

/** Fields a client activity carries as ISO strings that botbuilder wants as Dates (as its HTTP path converts them). */
const DATE_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['localTimestamp', 'rawLocalTimestamp'],
  ['expiration', 'rawExpiration'],
] as const;

/**
 * Hands activities to the bot through the CloudAdapter's own turn pipeline
 * (`processActivityDirect`), as an authenticated channel request would arrive: the claims name
 * the bot, there is no caller id, and replies go through a ConnectorClient to our connector routes.
 */
export class BotDelivery {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly bot: Pick<ActivityHandler, 'run'>,
    private readonly botAppId: string,
  ) {}

  /** Runs one bot turn for `activity`, whose replies go to `serviceUrl`; resolves when the turn is over. */
  async deliver(activity: Record<string, unknown>, serviceUrl: string): Promise<void> {
    await this.adapter.processActivityDirect(this.authentication(serviceUrl), toBotActivity(activity, serviceUrl), (context) => this.bot.run(context));
  }

  /**
   * Runs `logic` in a proactive turn of a conversation of this endpoint (an agent's message, say),
   * as `CloudAdapter.continueConversationAsync` would for a channel: the turn's activity is a
   * ContinueConversation event and replies go to our connector routes.
   */
  async continueConversation(reference: Partial<ConversationReference>, serviceUrl: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, { ...reference, serviceUrl }, true);
    await this.adapter.processActivityDirect(this.authentication(serviceUrl), activity as Activity, logic);
  }

  private authentication(serviceUrl: string): AuthenticateRequestResult {
    return {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: this.botAppId },
          { type: AuthenticationConstants.AppIdClaim, value: this.botAppId },
        ],
        true,
      ),
      callerId: undefined,
      connectorFactory: new LoopbackConnectorFactory(serviceUrl),
    };
  }
}

/** A copy of a stored activity as the bot receives it: with the serviceUrl, and Dates for the timestamps. */
function toBotActivity(stored: Record<string, unknown>, serviceUrl: string): Activity {
  const copy: Record<string, unknown> = { ...structuredClone(stored), serviceUrl };
  for (const [field, raw] of DATE_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') {
      copy[raw] = value;
      copy[field] = new Date(value);
    }
  }
  // The typed boundary: the fields a turn needs were stamped by the conversation.
  return copy as unknown as Activity;
}
