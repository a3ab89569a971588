import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs.js';
import type { Handoff } from '../src/handoff/handoff.js';
import { confirmationOf } from '../src/handoff/triggers.js';
import type { HandoffReason } from '../src/handoff/types.js';
import type { Language } from '../src/nlu/language.js';
import type { Replies } from '../src/replies.js';
import type { Profile } from '../src/rules/index.js';
import { turnRecord } from '../src/turn/turnRecord.js';

export const HANDOFF_DIALOG = 'handoffDialog';

/** Why a person is offered, and the check's answers so far when the offer comes from the check. */
export interface HandoffOptions {
  reason: HandoffReason;
  profile?: Profile;
  /** The user has said yes already (the offer's button, clicked after the offer was left): hand over without asking again. */
  confirmed?: true;
}

/** How the offer ended; `reroute` means the user wrote something else, which the root dialog handles. */
export interface HandoffOfferResult {
  outcome: 'started' | 'declined' | 'reroute';
}

/** What the offer needs; passed in so tests can replace any part. */
export interface HandoffDialogDependencies {
  handoff: Handoff;
  replies: Record<Language, Replies>;
}

/**
 * Offers a person before handing over: says why and what will happen (the person sees the
 * conversation), and waits for yes or no. Yes opens the handoff; no keeps the bot; any other
 * message ends the offer and is handled as a normal message.
 */
export class HandoffDialog extends Dialog<HandoffOptions> {
  constructor(private readonly deps: HandoffDialogDependencies) {
    super(HANDOFF_DIALOG);
    if (!deps.handoff || !deps.replies) throw new Error('HandoffDialog(): handoff and replies are required');
  }

  /** Says what will happen and asks. */
  override async beginDialog(dc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const reason = options?.reason ?? 'requested';
    dc.activeDialog!.state = { reason, profile: options?.profile };
    const language = turnRecord(dc.context).language ?? 'en';
    if (options?.confirmed) {
      await this.deps.handoff.start(dc.context, reason, language, options.profile);
      return dc.endDialog({ outcome: 'started' } satisfies HandoffOfferResult);
    }
    const replies = this.deps.replies[language];
    const buttons = this.deps.handoff.offerButtons(language);
    await dc.context.sendActivity(replies.withActions(replies.t(`handoff.offer.${reason}`), [replies.imBack(buttons.yes), replies.imBack(buttons.no)]));
    return Dialog.EndOfTurn;
  }

  /** Reads the answer: yes, no, or something else to route as usual. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { reason, profile } = dc.activeDialog!.state as HandoffOptions;
    const language = turnRecord(dc.context).language ?? 'en';
    const text = dc.context.activity.text ?? '';
    // Either language's buttons count: the user may have switched language since the offer.
    const answer = confirmationOf(text, this.deps.handoff.offerButtons(language)) ?? confirmationOf(text, this.deps.handoff.offerButtons(language === 'en' ? 'zh-CN' : 'en'));
    if (answer === 'yes') {
      await this.deps.handoff.start(dc.context, reason, language, profile);
      return dc.endDialog({ outcome: 'started' } satisfies HandoffOfferResult);
    }
    if (answer === 'no') {
      const replies = this.deps.replies[language];
      await dc.context.sendActivity(replies.text(replies.t('handoff.offer.declined')));
      return dc.endDialog({ outcome: 'declined' } satisfies HandoffOfferResult);
    }
    return dc.endDialog({ outcome: 'reroute' } satisfies HandoffOfferResult);
  }
}
