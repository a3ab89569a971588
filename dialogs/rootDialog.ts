import type { TurnContext } from 'botbuilder';
import type { Dialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './botbuilderDialogs.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { LANGUAGES, type Language } from '../src/nlu/language.js';
import { plainWords } from '../src/nlu/normalize.js';
import { bareVerdictMisleads } from '../src/nlu/questionShape.js';
import { offeredCandidates, type Recognition, type Recognizer } from '../src/nlu/recognizer.js';
import type { FactReader, Facts } from '../src/nlu/facts/index.js';
import { checkRepliesByLanguage, type CheckReplies, understoodPlaces } from '../src/check/replies.js';
import { controlOf } from '../src/check/answers.js';
import { planInConversation, repeatedAnswer, topicAfter } from '../src/nlu/followUp.js';
import type { MessagePlan } from '../src/nlu/plan.js';
import type { Replies } from '../src/replies.js';
import type { BotStateAccessors, KnownNotes } from '../src/turn/state.js';
import { assess, conditionalAdvice } from '../src/rules/index.js';
import type { MessageRoute, MessageRouter } from '../src/turn/messageRoute.js';
import { turnRecord } from '../src/turn/turnRecord.js';
import type { EligibilityOptions, EligibilityResult } from './eligibilityDialog.js';
import type { Handoff } from '../src/handoff/handoff.js';
import type { HandoffReason } from '../src/handoff/types.js';
import type { HandoffOfferResult, HandoffOptions } from './handoffDialog.js';
import type { OfferTriggers } from '../src/handoff/offerTriggers.js';
import { clicksYes } from '../src/handoff/triggers.js';

export const ROOT_DIALOG = 'rootDialog';
const ROUTE_WATERFALL = 'rootDialog.route';

/** What the root dialog needs; passed in so tests can replace any part. */
export interface RootDialogDependencies {
  recognizer: Recognizer;
  /** Reads the facts an opening message states. */
  facts: FactReader;
  knowledge: KnowledgeBase;
  /** The replies in each language. */
  replies: Record<Language, Replies>;
  /** The user's language choice, the last check and the facts stated so far. */
  state: BotStateAccessors;
  /** Where a person can be reached, shown when the user asks for one; empty when nobody is. */
  supportContact: string;
  /** The guided eligibility check, started by the "check" intent or an opening message that describes a situation. */
  eligibilityDialog: Dialog<EligibilityOptions>;
  /** Talking to a person (mode 'off' keeps SUPPORT_CONTACT). */
  handoff: Handoff;
  /** When to offer a person without being asked. */
  offerTriggers: OfferTriggers;
  /** Offers a person and, on yes, hands over. */
  handoffDialog: Dialog<HandoffOptions>;
  /** Whether answers carry the "Helpful?" buttons (the learning loop is on). */
  feedbackButtons?: boolean;
}

/**
 * Routes each message: chat intents (greeting, help, restart, language, a person, the check),
 * then FAQ answers, "Did you mean…" or the fallback, as the recognizer decides.
 */
export class RootDialog extends ComponentDialog<MessageRoute> implements MessageRouter {
  private readonly repliesByLanguage: Record<Language, Replies>;
  private readonly checkReplies: Record<Language, CheckReplies>;

  constructor(private readonly deps: RootDialogDependencies) {
    super(ROOT_DIALOG);
    if (!deps.recognizer || !deps.facts || !deps.knowledge || !deps.replies || !deps.state || !deps.eligibilityDialog || !deps.handoff || !deps.offerTriggers || !deps.handoffDialog) {
      throw new Error('RootDialog(): recognizer, facts, knowledge, replies, state, eligibilityDialog, handoff, offerTriggers and handoffDialog are required');
    }
    this.repliesByLanguage = deps.replies;
    this.checkReplies = checkRepliesByLanguage(deps.replies, deps.knowledge);
    this.addDialog(deps.eligibilityDialog);
    this.addDialog(deps.handoffDialog);
    this.addDialog(
      new WaterfallDialog(ROUTE_WATERFALL, [this.routeStep.bind(this), this.afterChildStep.bind(this), this.afterOfferStep.bind(this)]),
    );
    this.initialDialogId = ROUTE_WATERFALL;
  }

  /** Follows the route the dialog was begun with, or routes the message (begun without one, or routing a message again). */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = isRoute(step.options) ? step.options : await this.routeMessage(step.context);
    switch (route.kind) {
      case 'begin':
        return step.beginDialog(route.dialogId, route.options);
      case 'restart':
        return step.cancelAllDialogs();
      case 'replied':
        return step.endDialog();
    }
  }

  /**
   * Recognises a message no dialog is waiting for and replies, or says which dialog to begin (the
   * eligibility check, the offer of a person); the route and the recognition go on the turn record.
   * The bot calls it when no dialog is running and begins this dialog with a route it returns.
   */
  async routeMessage(context: TurnContext): Promise<MessageRoute> {
    const route = await this.route(context);
    turnRecord(context).route = route;
    return route;
  }

  private async route(context: TurnContext): Promise<MessageRoute> {
    const record = turnRecord(context);
    const language = record.language ?? 'en';
    const text = context.activity.text ?? '';
    if (controlOf(text) === 'why') {
      const profile = await this.deps.state.lastCheck.get(context);
      const replies = this.replies(language);
      if (profile) {
        const out = this.checkReplies[language];
        await context.sendActivity(replies.withActions(out.explanation(assess(profile), conditionalAdvice(profile)), out.resultActions(false)));
      } else {
        await context.sendActivity(replies.text(replies.t('check.noResultYet')));
      }
      return REPLIED;
    }
    // Read once, in the topic of the reply before it (a follow-up), with the facts told so far.
    const topic = await this.deps.state.conversationTopic.get(context);
    const known = await this.deps.state.knownFacts.get(context, {});
    const { message, recognition: recognized, plan } = planInConversation(text, language, this.deps, { topic, known });
    const facts = message.stated;
    if (Object.keys(facts.profile).length > 0) await this.deps.state.knownFacts.set(context, { ...known, ...facts.profile });
    const notes = await this.rememberNotes(context, facts);
    // An answer given again right after itself: the topic stays the answer's.
    const repeated = repeatedAnswer(plan, topic, language);
    await this.deps.state.conversationTopic.set(context, repeated !== undefined ? topic : topicAfter(plan, topic, language));
    // What was answered is what the learning loop and the count of misses see, also where the plan took another entry than the recognizer's first.
    const recognition = answeredAs(recognized, plan);
    record.recognition = recognition;
    if (message.followsUp) record.followUp = true;
    const offer = await this.deps.offerTriggers.offerReason(context, recognition);
    record.offer = offer;
    const replies = this.replies(language);
    switch (plan.kind) {
      case 'intent':
        return this.handleIntent(context, recognition, language);
      case 'check':
        // The result's "Start the check over" begins it from nothing: what was told and answered before is forgotten.
        if (this.startsOver(text)) {
          await this.deps.state.knownFacts.delete(context);
          await this.deps.state.knownNotes.delete(context);
          return begin(this.deps.eligibilityDialog.id, { profile: {} } satisfies EligibilityOptions);
        }
        return begin(this.deps.eligibilityDialog.id, { profile: plan.profile, places: notes } satisfies EligibilityOptions);
      case 'situation': {
        record.asked = true;
        const places = { ...understoodPlaces(facts, language), ...notes };
        if (plan.decision.kind === 'ask') {
          return begin(this.deps.eligibilityDialog.id, { profile: plan.profile, goal: plan.question, goalAlso: plan.alsoAsked, places } satisfies EligibilityOptions);
        }
        // An entry that answers the question outright and that the verdict rests on: its source and buttons come along.
        const entryId = recognition.outcome === 'answer' ? recognition.top?.id : undefined;
        const entry = entryId && (plan.decision.assessment.cites as readonly string[]).includes(entryId) ? replies.entryFooter(entryId, this.deps.feedbackButtons === true) : undefined;
        const also = plan.alsoDecision?.kind === 'verdict' ? plan.alsoDecision : undefined;
        await context.sendActivity(this.checkReplies[language].situation(plan.decision, plan.profile, places, entry, plan.unasked === true, also));
        await this.deps.state.lastCheck.set(context, plan.decision.assumedProfile);
        // Another question of the same message ("要备案吗？要多久？") gets its entry after the verdict.
        if (plan.also) await context.sendActivity(replies.answer(plan.also, [], this.deps.feedbackButtons === true));
        // A second question on the situation that waits on a fact ("which province, and does Tencent file it?"): the check asks it.
        if (plan.alsoAsked) {
          return begin(this.deps.eligibilityDialog.id, { profile: plan.profile, goal: plan.alsoAsked, secondQuestion: true, places } satisfies EligibilityOptions);
        }
        return REPLIED;
      }
      default:
        break;
    }
    record.asked = true;
    // Several misses in a row, or an annoyed message the bot could not answer: offer a person instead.
    if (offer) return begin(this.deps.handoffDialog.id, { reason: offer } satisfies HandoffOptions);
    // The plan's entry, which may not be the recognizer's first pick (the facts stated can tell which entry answers).
    if (repeated !== undefined) {
      const others = offeredCandidates(recognized.candidates).map((candidate) => candidate.id);
      await context.sendActivity(replies.sameAnswer(repeated, others, this.personAvailable));
    } else if (plan.kind === 'answer') {
      await context.sendActivity(replies.answer(plan.entryId, recognition.corrections, this.deps.feedbackButtons === true, { noBareVerdict: bareVerdictMisleads(text) }));
      if (plan.also) await context.sendActivity(replies.answer(plan.also, [], this.deps.feedbackButtons === true));
    } else if (plan.kind === 'clarify') {
      await context.sendActivity(replies.clarify(plan.candidates));
    } else {
      await context.sendActivity(replies.fallback(this.personAvailable));
    }
    return REPLIED;
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

  private async handleIntent(context: TurnContext, recognition: Recognition, language: Language): Promise<MessageRoute> {
    const replies = this.replies(language);
    switch (recognition.intent) {
      case 'greeting':
        await context.sendActivity(replies.withActions(replies.t('intent.greeting'), replies.welcome().suggestedActions?.actions ?? []));
        break;
      case 'thanks':
        await context.sendActivity(replies.text(replies.t('intent.thanks')));
        break;
      case 'acknowledge':
        await context.sendActivity(replies.text(replies.t('intent.acknowledge')));
        break;
      case 'help':
        await context.sendActivity(replies.help());
        break;
      case 'restart':
        await context.sendActivity(replies.text(replies.t('intent.restart')));
        return { kind: 'restart' };
      case 'human':
        if (this.deps.handoff.enabled) {
          // The offer's own "Yes, connect me", clicked after a question asked in between: yes already said.
          const yes = clicksYes(context.activity.text ?? '', [this.deps.handoff.offerButtons('en'), this.deps.handoff.offerButtons('zh-CN')]);
          return begin(this.deps.handoffDialog.id, { reason: 'requested', ...(yes ? { confirmed: true as const } : {}) } satisfies HandoffOptions);
        }
        await context.sendActivity(
          replies.text(
            this.deps.supportContact ? replies.t('intent.humanContact', { contact: this.deps.supportContact }) : replies.t('intent.humanUnavailable'),
          ),
        );
        break;
      case 'check':
        // Facts told earlier in the conversation are kept: the check asks only what is still open.
        return begin(this.deps.eligibilityDialog.id, {
          profile: { ...(await this.deps.state.knownFacts.get(context, {})), ...this.deps.facts.read(recognition.text).profile },
          places: await this.deps.state.knownNotes.get(context, {}),
        } satisfies EligibilityOptions);
      case 'switch-en':
      case 'switch-zh': {
        const chosen: Language = recognition.intent === 'switch-en' ? 'en' : 'zh-CN';
        await this.deps.state.chosenLanguage.set(context, chosen);
        const switched = this.replies(chosen);
        await context.sendActivity(switched.languageChosen(switched.withActions(switched.t('language.switched'), switched.welcome().suggestedActions?.actions ?? [])));
        break;
      }
      default:
        await context.sendActivity(replies.fallback(this.personAvailable));
    }
    return REPLIED;
  }

  /**
   * What the message says of the site that the rules do not ask (an industry, payments), added to what earlier messages said: "we
   * take WeChat Pay" and then "Check my situation" gets the Commercial License in the result.
   */
  private async rememberNotes(context: TurnContext, facts: Facts): Promise<KnownNotes> {
    const notes = await this.deps.state.knownNotes.get(context, {});
    if ((facts.namesIndustry && !notes.industry) || (facts.takesPayments && !notes.payments)) {
      const more = { ...notes, ...(facts.namesIndustry ? { industry: true } : {}), ...(facts.takesPayments ? { payments: true } : {}) };
      await this.deps.state.knownNotes.set(context, more);
      return more;
    }
    return notes;
  }

  /** Whether a message is the result card's "Start the check over" button, in either language. */
  private startsOver(text: string): boolean {
    const plain = plainWords(text);
    return plain !== '' && LANGUAGES.some((language) => plainWords(this.replies(language).t('button.checkAgain')) === plain);
  }

  private replies(language: Language): Replies {
    return this.repliesByLanguage[language];
  }

  /** Whether someone can answer a user who asks for a person: a handoff (desk or contact centre), or a contact to give. */
  private get personAvailable(): boolean {
    return this.deps.handoff.enabled || this.deps.supportContact !== '';
  }
}

const REPLIED: MessageRoute = { kind: 'replied' };

function begin(dialogId: string, options: object): MessageRoute {
  return { kind: 'begin', dialogId, options };
}

function isRoute(options: unknown): options is MessageRoute {
  return typeof options === 'object' && options !== null && 'kind' in options;
}

function isOffer(result: unknown): result is HandoffOfferResult {
  return typeof result === 'object' && result !== null && 'outcome' in result;
}

/** The recognition as the plan answered it: an entry the plan chose (the stated facts told which) is the answer. */
function answeredAs(recognition: Recognition, plan: MessagePlan): Recognition {
  if (plan.kind !== 'answer' || (recognition.outcome === 'answer' && recognition.top?.id === plan.entryId)) return recognition;
  const top = recognition.candidates.find((c) => c.id === plan.entryId) ?? { id: plan.entryId, question: plan.entryId, score: 0 };
  return { ...recognition, outcome: 'answer', top };
}
