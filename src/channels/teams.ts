import { ActionTypes, CardFactory, TurnContext, type Activity, type CardAction, type Middleware } from 'botbuilder';

/** The Teams channel id. */
export const TEAMS_CHANNEL = 'msteams';

/** Whether the activity comes from a Teams channel conversation or group chat, where Teams shows no suggested actions. */
export function isTeamsGroupConversation(activity: Partial<Activity>): boolean {
  if (activity.channelId !== TEAMS_CHANNEL) return false;
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
}

/**
 * The message text without the @mention of the bot ("<at>ICP Filing Assistant</at> bbs filing"
 * → "bbs filing"), so the matcher sees only the question.
 */
export function textWithoutBotMention(activity: Partial<Activity>): string | undefined {
  if (typeof activity.text !== 'string') return activity.text;
  const hasMention = (activity.entities ?? []).some((e) => e.type === 'mention');
  if (!hasMention) return activity.text;
  return TurnContext.removeRecipientMention(activity).replace(/\s+/g, ' ').trim();
}

/**
 * Moves suggested actions into a card's buttons: Teams does not show suggested actions in group
 * chats and channels. messageBack buttons send their text to the bot and show it as the user's words.
 */
export function suggestedActionsToCardButtons(activity: Partial<Activity>): Partial<Activity> {
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length === 0) return activity;
  const buttons: CardAction[] = actions.map((action) => {
    const text = String(action.value ?? action.title);
    return { type: ActionTypes.MessageBack, title: action.title, text, displayText: text, value: undefined };
  });
  const { suggestedActions: _moved, ...rest } = activity;
  return { ...rest, attachments: [...(activity.attachments ?? []), CardFactory.heroCard('', undefined, buttons)] };
}

/** Takes the bot's @mention out of every message's text, before anything reads it. */
export class TeamsMentionMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === 'message') context.activity.text = textWithoutBotMention(context.activity) as string;
    await next();
  }
}

/**
 * In Teams group chats and channels, sends suggested actions as card buttons. It comes after the
 * state turn in the pipeline, so the transcript keeps the buttons as the bot meant them; a turn
 * that runs again adds no second conversion.
 */
export class TeamsCardsMiddleware implements Middleware {
  private readonly converting = new WeakSet<TurnContext>();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (isTeamsGroupConversation(context.activity) && !this.converting.has(context)) {
      this.converting.add(context);
      context.onSendActivities(async (_context, activities, sendNext) => {
        activities.splice(0, activities.length, ...activities.map(suggestedActionsToCardButtons));
        return sendNext();
      });
    }
    await next();
  }
}
