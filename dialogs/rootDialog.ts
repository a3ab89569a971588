import type { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type Dialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import type { Language } from '../src/nlu/language.js';
import type { Recognition, Recognizer } from '../src/nlu/recognizer.js';
import { CheckReplies } from '../src/checkReplies.js';
import { controlOf, extractProfile } from '../src/nlu/checkAnswers.js';
import { Replies } from '../src/replies.js';
import { assess, type Profile } from '../src/rules/index.js';
import { getTurnLanguage } from '../src/turnLanguage.js';
import type { EligibilityOptions, EligibilityResult } from './eligibilityDialog.js';
import type { Handoff } from '../src/handoff/handoff.js';
import type { HandoffReason } from '../src/handoff/types.js';
import type { HandoffOfferResult, HandoffOptions } from './handoffDialog.js';
import type { LearningLoop } from '../src/learning/learningLoop.js';

export const ROOT_DIALOG = 'rootDialog';
const ROUTE_WATERFALL = 'rootDialog.route';

/** What the root dialog needs; passed in so tests can replace any part. */
export interface RootDialogDependencies {
  recognizer: Recognizer;
  knowledge: KnowledgeBase;
  i18n: i18n;
  /** The user's explicit language choice, kept in user state. */
  chosenLanguage: StatePropertyAccessor<Language | undefined>;
  /** Where a person can be reached, shown when the user asks for one; empty when nobody is. */
  supportContact: string;
  /** The guided eligibility check, started by the "check" intent or an opening message that describes a situation. */
  eligibilityDialog: Dialog<EligibilityOptions>;
  /** The last completed check's profile, for "why?" after its result. */
  lastCheck: StatePropertyAccessor<Profile | undefined>;
  /** Talking to a person: triggers, transcript and the handoff itself (mode 'off' keeps SUPPORT_CONTACT). */
  handoff: Handoff;
  /** Offers a person and, on yes, hands over. */
  handoffDialog: Dialog<HandoffOptions>;
  /** Records each question and its outcome, and adds "Helpful?" to answers; absent with EVENT_LOG=off. */
  learning?: LearningLoop;
}

/** An opening message that states this many facts about the user's situation starts the check with them. */
const FACTS_THAT_START_THE_CHECK = 2;

/**
 * Routes each message: chat intents (greeting, help, restart, language, a person, the check),
 * then FAQ answers, "Did you mean…" or the fallback, as the recognizer decides.
 */
export class RootDialog extends ComponentDialog {
  private readonly repliesByLanguage: Record<Language, Replies>;

  constructor(private readonly deps: RootDialogDependencies) {
    super(ROOT_DIALOG);
    if (!deps.recognizer || !deps.knowledge || !deps.i18n || !deps.chosenLanguage || !deps.eligibilityDialog || !deps.lastCheck || !deps.handoff || !deps.handoffDialog) {
      throw new Error('RootDialog(): recognizer, knowledge, i18n, chosenLanguage, eligibilityDialog, lastCheck, handoff and handoffDialog are required');
    }
    this.repliesByLanguage = Replies.forLanguages(deps.i18n, deps.knowledge);
    this.addDialog(deps.eligibilityDialog);
    this.addDialog(deps.handoffDialog);
    this.addDialog(
      new WaterfallDialog(ROUTE_WATERFALL, [this.routeStep.bind(this), this.afterChildStep.bind(this), this.afterOfferStep.bind(this)]),
    );
    this.initialDialogId = ROUTE_WATERFALL;
  }

  /** Recognises the message and replies, or starts the eligibility check. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const language = getTurnLanguage(step.context) ?? 'en';
    const text = step.context.activity.text ?? '';
    if (controlOf(text) === 'why') {
      const profile = await this.deps.lastCheck.get(step.context);
      const replies = this.replies(language);
      const reply = profile ? new CheckReplies(replies, this.deps.knowledge).explanation(assess(profile)) : replies.t('check.noResultYet');
      await step.context.sendActivity(this.replies(language).text(reply));
      return step.endDialog();
    }
    const recognition = this.deps.recognizer.recognize(text, language);
    const offer = await this.deps.handoff.noteRecognition(step.context, recognition);
    if (recognition.outcome === 'intent') return this.handleIntent(step, recognition, language);
    const situation = extractProfile(text);
    if (Object.keys(situation).length >= FACTS_THAT_START_THE_CHECK) {
      return step.beginDialog(this.deps.eligibilityDialog.id, { profile: situation });
    }
    const replies = this.replies(language);
    await this.deps.learning?.recordRecognition(step.context, recognition);
    // Several misses in a row, or an annoyed message the bot could not answer: offer a person instead.
    if (offer) return step.beginDialog(this.deps.handoffDialog.id, { reason: offer } satisfies HandoffOptions);
    if (recognition.outcome === 'answer' && recognition.top) {
      await step.context.sendActivity(replies.answer(recognition.top.id, recognition.corrections, this.deps.learning !== undefined));
    } else if (recognition.outcome === 'clarify') {
      await step.context.sendActivity(replies.clarify(recognition.candidates));
    } else {
      await step.context.sendActivity(replies.fallback());
    }
    return step.endDialog();
  }

  /**
   * After a child dialog: a check that asked for a person, or whose result rests on a province's own
   * decision, leads to the offer of a person; an offer answered with another message is routed afresh.
   */
  private async afterChildStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as EligibilityResult | HandoffOfferResult | undefined;
    if (isOffer(result)) return result.outcome === 'reroute' ? step.replaceDialog(ROUTE_WATERFALL) : step.endDialog();
    if (this.deps.handoff.enabled && result && 'handoff' in result) {
      return step.beginDialog(this.deps.handoffDialog.id, { reason: 'requested', profile: result.profile } satisfies HandoffOptions);
    }
    if (this.deps.handoff.enabled && result && 'needsHuman' in result && result.needsHuman) {
      return step.beginDialog(this.deps.handoffDialog.id, { reason: 'needs-person' satisfies HandoffReason });
    }
    return step.endDialog(step.result);
  }

  /** After the offer of a person: a message that was neither yes nor no is routed as usual. */
  private async afterOfferStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as HandoffOfferResult | undefined;
    if (result?.outcome === 'reroute') return step.replaceDialog(ROUTE_WATERFALL);
    return step.endDialog();
  }

  private async handleIntent(step: WaterfallStepContext, recognition: Recognition, language: Language): Promise<DialogTurnResult> {
    const replies = this.replies(language);
    switch (recognition.intent) {
      case 'greeting':
        await step.context.sendActivity(replies.withActions(replies.t('intent.greeting'), replies.welcome().suggestedActions?.actions ?? []));
        break;
      case 'thanks':
        await step.context.sendActivity(replies.text(replies.t('intent.thanks')));
        break;
      case 'help':
        await step.context.sendActivity(replies.help());
        break;
      case 'restart':
        await step.context.sendActivity(replies.text(replies.t('intent.restart')));
        return step.cancelAllDialogs();
      case 'human':
        if (this.deps.handoff.enabled) return step.beginDialog(this.deps.handoffDialog.id, { reason: 'requested' } satisfies HandoffOptions);
        await step.context.sendActivity(
          replies.text(
            this.deps.supportContact ? replies.t('intent.humanContact', { contact: this.deps.supportContact }) : replies.t('intent.humanUnavailable'),
          ),
        );
        break;
      case 'check':
        return step.beginDialog(this.deps.eligibilityDialog.id, { profile: extractProfile(recognition.text) });
      case 'switch-en':
      case 'switch-zh': {
        const chosen: Language = recognition.intent === 'switch-en' ? 'en' : 'zh-CN';
        await this.deps.chosenLanguage.set(step.context, chosen);
        const switched = this.replies(chosen);
        await step.context.sendActivity(switched.withActions(switched.t('language.switched'), switched.welcome().suggestedActions?.actions ?? []));
        break;
      }
      default:
        await step.context.sendActivity(replies.fallback());
    }
    return step.endDialog();
  }

  private replies(language: Language): Replies {
    return this.repliesByLanguage[language];
  }
}

function isOffer(result: unknown): result is HandoffOfferResult {
  return typeof result === 'object' && result !== null && 'outcome' in result;
}
