import type { TurnContext } from 'botbuilder';
import type { Replies } from '../replies.js';

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Turns away input the matcher cannot read (empty, emoji only, attachments only) with a word to
 * the user, and cuts text longer than `maxTextChars`, saying so. Resolves true when the message
 * goes on to routing.
 */
export async function checkInput(context: TurnContext, replies: Replies, maxTextChars: number): Promise<boolean> {
  const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
  if (raw.trim().length === 0) {
    const hasAttachments = (context.activity.attachments?.length ?? 0) > 0;
    // A button value without text (for example from an Adaptive Card) goes to the dialog.
    if (context.activity.value === undefined) {
      await context.sendActivity(replies.text(replies.t(hasAttachments ? 'input.attachmentOnly' : 'input.empty')));
      return false;
    }
  } else if (!HAS_WORD.test(raw)) {
    await context.sendActivity(replies.text(replies.t('input.noWords')));
    return false;
  }
  if (raw.length > maxTextChars) {
    context.activity.text = raw.slice(0, maxTextChars);
    await context.sendActivity(replies.text(replies.t('input.truncated', { max: maxTextChars })));
  }
  return true;
}
