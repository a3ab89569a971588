import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import { Dialog } from './botbuilderDialogs.js';
import { CheckReplies, checkRepliesByLanguage, MULTI_SELECT_INPUT, MULTI_SELECT_QUESTION, understoodPlaces, type UnderstoodPlaces } from '../src/check/replies.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { answersOutside, controlOf, interpretAnswer, mentionsNotKnowing, notSureOf, saysDone, soundsLikeCorrection, supposes } from '../src/check/answers.js';
import { readInterruption } from '../src/check/interruption.js';
import { LANGUAGES, type Language } from '../src/nlu/language.js';
import type { Recognition, Recognizer } from '../src/nlu/recognizer.js';
import type { FactReader, Facts } from '../src/nlu/facts/index.js';
import type { Replies } from '../src/replies.js';
import type { BotStateAccessors } from '../src/turn/state.js';
import {
  assess,
  conditionalAdvice,
  decideAlso,
  decideSituation,
  nextQuestion,
  QUESTIONS,
  questionById,
  withAnswer,
  type EligibilityAssessment,
  type Profile,
  type ProfileFieldValue,
  type AnswerValue,
  type Question,
  type QuestionId,
  type SituationQuestion,
} from '../src/rules/index.js';
import { asksInWords, isQuestionShaped } from '../src/nlu/questionShape.js';
import { turnRecord } from '../src/turn/turnRecord.js';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';

/** What the check ends with: the assessment, or a request for a person with the answers so far. */
export type EligibilityResult = EligibilityAssessment | { handoff: 'requested'; profile: Profile };

/** How the check is started: with what the opening message already said. */
export interface EligibilityOptions {
  profile?: Profile;
  /**
   * One question about the situation to settle instead of the whole check: only the fields that
   * decide it are asked, and the answer to that question ends the dialog.
   */
  goal?: SituationQuestion;
  /** A second question of the opening message ("who files and where?"), answered with the goal once the facts settle both. */
  goalAlso?: SituationQuestion;
  /** The goal is the opening message's second question, its first already answered: the question says so. */
  secondQuestion?: boolean;
  /** Places the opening message named, to say back with the answer. */
  places?: UnderstoodPlaces;
}

/** The check's memory between turns (kept in the dialog stack, so it survives with conversation state). */
interface CheckState {
  profile: Profile;
  /** Answered questions, oldest first, with the profile before each answer, for "back". */
  history: { question: QuestionId; before: Profile }[];
  pending?: QuestionId;
  goal?: SituationQuestion;
  goalAlso?: SituationQuestion;
  places?: UnderstoodPlaces;
}

/** What the check needs; passed in so tests can replace any part. */
export interface EligibilityDependencies {
  recognizer: Recognizer;
  /** Reads answers given in free text ("Guangzhou", "Tencent Cloud Guangzhou", "GmbH"). */
  facts: FactReader;
  knowledge: KnowledgeBase;
  /** For the answers' labels in every language. */
  i18n: i18n;
  /** The replies in each language. */
  replies: Record<Language, Replies>;
  /** The last completed check (kept so "why?" can explain its result later) and the user's language choice. */
  state: BotStateAccessors;
  supportContact: string;
  /** When a person can be reached through the bot, asking for one ends the check with its answers, for the case file. */
  handoffEnabled?: boolean;
}

/**
 * The guided eligibility check. Which question comes next, and when to stop, is decided by the
 * rules (`nextQuestion`); this dialog only asks, reads the answer, and handles "why?", "back",
 * "restart", "cancel" and questions asked in between.
 */
export class EligibilityDialog extends Dialog<EligibilityOptions> {
  private readonly checkReplies: Record<Language, CheckReplies>;
  private readonly replies: Record<Language, Replies>;
  private readonly labels;

  constructor(private readonly deps: EligibilityDependencies) {
    super(ELIGIBILITY_DIALOG);
    if (!deps.recognizer || !deps.facts || !deps.knowledge || !deps.i18n || !deps.replies || !deps.state) {
      throw new Error('EligibilityDialog(): recognizer, facts, knowledge, i18n, replies and state are required');
    }
    this.replies = deps.replies;
    this.checkReplies = checkRepliesByLanguage(this.replies, deps.knowledge);
    this.labels = LANGUAGES.map((l) => deps.i18n.getFixedT(l));
  }

  /** Introduces the check, says what the opening message already told, and asks the first open question. */
  override async beginDialog(dc: DialogContext, options?: EligibilityOptions): Promise<DialogTurnResult> {
    const state: CheckState = { profile: options?.profile ?? {}, history: [], goal: options?.goal, goalAlso: options?.goalAlso, places: options?.places };
    dc.activeDialog!.state = state;
    const out = this.out(dc.context);
    if (state.goal) return this.askNextOrFinish(dc, state, [out.t(options?.secondQuestion ? 'situation.askPrefaceOther' : 'situation.askPreface')]);
    const preface = [out.t('check.intro')];
    const facts = out.describeAnswers(state.profile);
    if (facts) preface.push(out.t('check.prefilled', { facts }));
    return this.askNextOrFinish(dc, state, preface);
  }

  /** Reads the reply to the pending question, or a control, or a question asked in between. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as CheckState;
    const out = this.out(dc.context);
    const text = dc.context.activity.text ?? '';
    const pending = state.pending ? questionById(state.pending) : undefined;
    if (!pending) return this.askNextOrFinish(dc, state, []);
    const chosen = cardChoices(dc.context.activity.value, pending);
    if (chosen) {
      state.history.push({ question: pending.id as QuestionId, before: state.profile });
      state.profile = withAnswer(state.profile, pending.field, chosen as ProfileFieldValue<typeof pending.field>);
      return this.askNextOrFinish(dc, state, []);
    }
    // "Done" with nothing ticked (or typed, where the card was not used): the question again, saying so, not "didn't understand".
    const noneTicked = submitsCard(dc.context.activity.value, pending) || saysDone(text, this.labels) ? out.noneTicked(pending, dc.context.activity.channelId) : undefined;
    if (noneTicked) {
      await dc.context.sendActivity(noneTicked);
      return Dialog.EndOfTurn;
    }

    switch (controlOf(text)) {
      case 'why':
        await dc.context.sendActivity(out.question(pending, [out.why(pending)], dc.context.activity.channelId));
        return Dialog.EndOfTurn;
      case 'back': {
        const last = state.history.pop();
        if (!last) {
          await dc.context.sendActivity(out.question(pending, [out.t('check.nothingToGoBack')], dc.context.activity.channelId));
          return Dialog.EndOfTurn;
        }
        state.profile = last.before;
        state.pending = last.question;
        await dc.context.sendActivity(out.question(questionById(last.question), [], dc.context.activity.channelId));
        return Dialog.EndOfTurn;
      }
      case 'restart':
        state.profile = {};
        state.history = [];
        return this.askNextOrFinish(dc, state, [out.t('check.restarted')]);
      case 'cancel':
        await dc.context.sendActivity(this.replyIn(dc.context).text(out.t('check.cancelled')));
        return dc.endDialog();
      default:
        break;
    }

    // The message as typed, recognised once: a language switch and a request for a person are both chat intents.
    const recognition = this.deps.recognizer.recognize(text, turnRecord(dc.context).language ?? 'en');
    const switched = await this.switchLanguage(dc.context, recognition);
    if (switched) {
      await dc.context.sendActivity(
        this.replies[switched].languageChosen(this.checkReplies[switched].question(pending, [this.checkReplies[switched].t('language.switched')], dc.context.activity.channelId)),
      );
      return Dialog.EndOfTurn;
    }
    // A question typed while the check waits is answered as a question, never read as the answer; nor is
    // asking for a person ("talk to a person" is not the answer "a person").
    const asksForPerson = recognition.outcome === 'intent' && recognition.intent === 'human';
    // An answer said unsure, with a question mark but no question word ("its a VPS my friend rents, I think it's in Guangzhou?"), is an answer.
    const asks = isQuestionShaped(text) && asksInWords(text);
    const answer = asks || asksForPerson ? undefined : interpretAnswer(pending, text, this.labels, this.deps.facts);
    // "Germany", "abroad" where the province one lives in is asked: the fact the question has for that (Question.outside), kept
    // and said back like any fact told.
    if (answer === undefined && !asks && !asksForPerson && pending.outside && answersOutside(pending, text, this.deps.facts)) {
      const noted = keepTold(state, { [pending.outside.field]: pending.outside.value } as Profile, pending.id as QuestionId, out);
      if (noted) return this.askNextOrFinish(dc, state, [noted]);
    }
    // "Not sure" to a question without such an option: what the answer changes, to help decide, and the question again.
    if (answer === undefined && notSureOf(pending, text, this.deps.facts, asks)) {
      await dc.context.sendActivity(out.question(pending, [out.t('check.notSure'), out.why(pending)], dc.context.activity.channelId));
      return Dialog.EndOfTurn;
    }
    if (answer !== undefined) {
      state.history.push({ question: pending.id as QuestionId, before: state.profile });
      // Other facts the answer states are kept, so they are not asked next: "a representative office in Shenzhen" says the
      // office's province too. What was answered before stands.
      const also = this.deps.facts.read(text);
      notedIndustry(state, also);
      state.profile = withAnswer({ ...also.profile, ...state.profile }, pending.field, answer as ProfileFieldValue<typeof pending.field>);
      return this.askNextOrFinish(dc, state, []);
    }
    return this.interruption(dc, text, pending.id as QuestionId);
  }

  /** "中文" / "English" (or the page's language buttons): remembers the choice and returns it, for the question to be asked again in it. */
  private async switchLanguage(context: TurnContext, recognition: Recognition): Promise<Language | undefined> {
    if (recognition.outcome !== 'intent' || (recognition.intent !== 'switch-en' && recognition.intent !== 'switch-zh')) return undefined;
    const chosen: Language = recognition.intent === 'switch-en' ? 'en' : 'zh-CN';
    await this.deps.state.chosenLanguage.set(context, chosen);
    turnRecord(context).language = chosen;
    return chosen;
  }

  /** A message that does not answer the question: answer it if it is an FAQ question, then ask again once. */
  private async interruption(dc: DialogContext, text: string, pending: QuestionId): Promise<DialogTurnResult> {
    const language = turnRecord(dc.context).language ?? 'en';
    const out = this.checkReplies[language];
    const replies = this.replies[language];
    // In the middle of the check every question is about filing: "what should we prepare first?" names no filing word.
    const recognition = this.deps.recognizer.recognize(text, language, undefined, { aboutFiling: true });
    // Questions asked in the middle of the check are recorded like any other; a 👍/👎 typed while
    // the check waits is a misread answer, not a question to learn from.
    const record = turnRecord(dc.context);
    record.recognition = recognition;
    record.asked = record.feedback === undefined;
    const stated = this.deps.facts.read(text);
    const state = dc.activeDialog!.state as CheckState;
    notedIndustry(state, stated);
    // "服务器用阿里云", "Tencent Cloud" where the server is asked: a provider not known to be mainland-only does not say where the
    // server is, so its region is asked (before any entry on the provider, which would answer another question).
    const host = understoodPlaces(stated, language).host;
    if (pending === 'hosting' && host !== undefined && stated.profile.hosting === undefined && !isQuestionShaped(text)) {
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.hostRegion', { host })], dc.context.activity.channelId));
      return Dialog.EndOfTurn;
    }
    const read = readInterruption(text, language, recognition, stated, state.profile, this.deps, questionById(pending).field);
    if (read.kind === 'verdict') {
      await dc.context.sendActivity(out.situation(read.decision, read.profile, understoodPlaces(stated, language)));
      // What the verdict said it understood of the case and the check had no answer for is kept, so it is not asked next ("actually
      // I'm from Macau, living in Zhuhai. does that count as individual?" is not then asked for the ID's province); not a case
      // supposed ("what if the server were in Hong Kong?").
      if (!supposes(text) && keepFresh(state, stated.profile, pending)) return this.askNextOrFinish(dc, state, [out.t('check.resume')]);
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.resume')], dc.context.activity.channelId));
    } else if (read.kind === 'works-out') {
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.checkAnswers')], dc.context.activity.channelId));
    } else if (read.kind === 'answer') {
      if (read.entryId !== recognition.top?.id) record.recognition = { ...recognition, top: recognition.candidates.find((c) => c.id === read.entryId) ?? { id: read.entryId, question: read.entryId, score: 0 } };
      await dc.context.sendActivity(replies.answer(read.entryId, recognition.corrections));
      // A statement answered with an entry (我身份证是湖南的，但在北京工作) also tells facts the check would ask for: kept.
      const noted = isQuestionShaped(text) ? undefined : keepTold(state, stated.profile, pending, out, text);
      if (noted) return this.askNextOrFinish(dc, state, [noted, out.t('check.resume')]);
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.resume')], dc.context.activity.channelId));
    } else if (read.kind === 'tells-answer') {
      // The user's plan ("what if I move to an Aliyun server in Hangzhou?"), taken as the answer and said back, as a statement's is.
      const noted = keepTold(state, stated.profile, pending, out);
      if (noted) return this.askNextOrFinish(dc, state, [noted]);
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.notUnderstood')], dc.context.activity.channelId));
    } else if (recognition.outcome === 'intent' && recognition.intent === 'human' && this.deps.handoffEnabled) {
      return dc.endDialog({ handoff: 'requested', profile: state.profile } satisfies EligibilityResult);
    } else if (recognition.outcome === 'intent' && recognition.intent === 'human') {
      const reply = this.deps.supportContact
        ? replies.t('intent.humanContact', { contact: this.deps.supportContact })
        : replies.t('intent.humanUnavailable');
      await dc.context.sendActivity(replies.text(reply));
      await dc.context.sendActivity(out.question(questionById(pending), [out.t('check.resume')], dc.context.activity.channelId));
    } else if (isQuestionShaped(text)) {
      // A question the bot cannot answer outright is not a misread answer: say so, offer the closest questions when there
      // are any (a click asks one, answered like any question here), and ask again.
      const unsure = recognition.outcome === 'clarify';
      const asked = out.question(questionById(pending), [out.t(unsure ? 'check.questionUnsure' : 'check.questionUnknown'), out.t('check.resume')], dc.context.activity.channelId);
      const offered = unsure ? (replies.clarify(recognition.candidates).suggestedActions?.actions ?? []) : [];
      await dc.context.sendActivity({ ...asked, suggestedActions: { to: [], actions: [...offered, ...(asked.suggestedActions?.actions ?? [])] } });
    } else {
      // A statement that answers another question of the check ("we don't have any entity in China" asked where the server is):
      // kept, said back, and the check goes on from it; what was answered before stands, but for a different owner, which corrects
      // it. Otherwise it was not understood.
      const noted = keepTold(state, stated.profile, pending, out, text);
      if (noted) return this.askNextOrFinish(dc, state, [noted]);
      // "I don't know yet where the server will be": too long to be read as "not sure" before, and nothing else read it.
      const unsure = mentionsNotKnowing(text);
      const before = unsure ? [out.t('check.notSure'), out.why(questionById(pending))] : [out.t('check.notUnderstood')];
      await dc.context.sendActivity(out.question(questionById(pending), before, dc.context.activity.channelId));
    }
    return Dialog.EndOfTurn;
  }

  /** Asks the next question that can still change the result, or shows the result. */
  private async askNextOrFinish(dc: DialogContext, state: CheckState, preface: string[]): Promise<DialogTurnResult> {
    if (state.goal) return this.askOrAnswerGoal(dc, state, state.goal, preface);
    const out = this.out(dc.context);
    const question = nextQuestion(state.profile);
    if (question) {
      state.pending = question.id;
      await dc.context.sendActivity(out.question(question, preface, dc.context.activity.channelId));
      return Dialog.EndOfTurn;
    }
    const assessment: EligibilityAssessment = assess(state.profile);
    for (const line of preface) await dc.context.sendActivity(this.replyIn(dc.context).text(line));
    await dc.context.sendActivity(out.result(assessment, dc.context.activity.channelId, conditionalAdvice(state.profile), state.places?.industry === true, state.profile, state.places));
    await this.deps.state.lastCheck.set(dc.context, state.profile);
    await this.keepAnswers(dc, state.profile);
    return dc.endDialog(assessment);
  }

  /**
   * With a goal: asks the one field that decides it, or answers it and ends. A second question of the opening message is
   * answered with it, its deciding field asked first when still open; a blocker, which answers neither as asked, ends it.
   */
  private async askOrAnswerGoal(dc: DialogContext, state: CheckState, goal: SituationQuestion, preface: string[]): Promise<DialogTurnResult> {
    const out = this.out(dc.context);
    const decision = decideSituation(state.profile, goal);
    const also = decideAlso(state.profile, decision, goal, state.goalAlso);
    const open = decision.kind === 'ask' ? decision : also?.kind === 'ask' ? also : undefined;
    if (open) {
      const question = QUESTIONS.find((q) => q.field === open.field);
      if (!question) throw new Error(`EligibilityDialog.askOrAnswerGoal(): no question fills "${open.field}"`);
      state.pending = question.id;
      await dc.context.sendActivity(out.question(question, preface, dc.context.activity.channelId));
      return Dialog.EndOfTurn;
    }
    if (decision.kind !== 'verdict') throw new Error('EligibilityDialog.askOrAnswerGoal(): the goal is neither asked nor decided');
    await dc.context.sendActivity(out.situation(decision, state.profile, state.places ?? {}, undefined, false, also?.kind === 'verdict' ? also : undefined));
    await this.deps.state.lastCheck.set(dc.context, decision.assumedProfile);
    await this.keepAnswers(dc, state.profile);
    return dc.endDialog();
  }

  /**
   * The check's answers are facts the user told, kept with the conversation's others for later answers: "what about for a
   * company?" after a verdict is not asked again where the server is. What the verdict only presumed is not kept.
   */
  private async keepAnswers(dc: DialogContext, profile: Profile): Promise<void> {
    const known = await this.deps.state.knownFacts.get(dc.context, {});
    await this.deps.state.knownFacts.set(dc.context, { ...known, ...profile });
  }

  private out(context: TurnContext): CheckReplies {
    return this.checkReplies[turnRecord(context).language ?? 'en'];
  }

  private replyIn(context: TurnContext): Replies {
    return this.replies[turnRecord(context).language ?? 'en'];
  }
}

/**
 * The options ticked on a question's checkbox card (`{ checkAnswer: <question id>, choices: "a,b" }`),
 * or undefined when the activity is not that card's answer or names no option of it.
 */
function cardChoices(value: unknown, question: Question): AnswerValue | undefined {
  if (!question.multiple || !submitsCard(value, question)) return undefined;
  const data = value as Record<string, unknown>;
  if (typeof data[MULTI_SELECT_INPUT] !== 'string') return undefined;
  const known = new Map(question.options.map((o) => [String(o.value), o.value]));
  const picked = [...new Set((data[MULTI_SELECT_INPUT] as string).split(',').map((v) => v.trim()))].filter((v) => known.has(v)).map((v) => known.get(v)!);
  return picked.length > 0 ? (picked as AnswerValue) : undefined;
}

/** Whether the activity is a question's checkbox card sent back, whatever was ticked. */
function submitsCard(value: unknown, question: Question): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[MULTI_SELECT_QUESTION] === question.id;
}

/** Whether two lists hold the same members, in any order. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((member) => b.includes(member));
}

/** A message in the check that describes the site as news, medicine, education … (Facts.namesIndustry): the result says an approval may go first. */
function notedIndustry(state: CheckState, read: Facts): void {
  if (read.namesIndustry && !state.places?.industry) state.places = { ...state.places, industry: true };
  // So does one that says the site takes payments: the result lists the Commercial License.
  if (read.takesPayments && !state.places?.payments) state.places = { ...state.places, payments: true };
}

/** The facts told that the check has no answer for yet. */
function unanswered(state: CheckState, told: Profile): Profile {
  const known = state.profile as Record<string, unknown>;
  return Object.fromEntries(Object.entries(told).filter(([field]) => known[field] === undefined)) as Profile;
}

/** Keeps, silently, the facts told that the check has no answer for yet ("back" takes them back); whether there were any. */
function keepFresh(state: CheckState, told: Profile, pending: QuestionId): boolean {
  const fresh = unanswered(state, told);
  if (Object.keys(fresh).length === 0) return false;
  state.history.push({ question: pending, before: state.profile });
  state.profile = { ...fresh, ...state.profile };
  return true;
}

/**
 * Keeps the facts a statement tells that the check has no answer for yet, and a different owner as a correction ("back" takes
 * them back with the pending question), and returns what to say back ("Changed: …", "Noted: …"); undefined when it tells none.
 * `text`: the statement, when it is one the user typed (a correction word lets it change the server's place or the content).
 */
function keepTold(state: CheckState, told: Profile, pending: QuestionId, out: CheckReplies, text?: string): string | undefined {
  const known = state.profile;
  const fresh = unanswered(state, told);
  // Who files, said otherwise than the check has it ("I don't have an enterprise, I'm a student. Just me."), corrects it: a
  // reading of the opening message may have been wrong, and no other question can be answered until it is right.
  // The server's place and the content, said otherwise with a word that takes back ("actually the server is in Singapore", "no,
  // not games, it's just a blog"), correct theirs; without one, a site or a server named in passing leaves the answer as it was.
  const takesBack = text !== undefined && soundsLikeCorrection(text);
  const corrected: Profile = {
    ...(told.entityType !== undefined && known.entityType !== undefined && told.entityType !== known.entityType ? { entityType: told.entityType } : {}),
    ...(takesBack && told.hosting !== undefined && known.hosting !== undefined && told.hosting !== known.hosting ? { hosting: told.hosting } : {}),
    ...(takesBack && told.siteTypes !== undefined && known.siteTypes !== undefined && !sameMembers(told.siteTypes, known.siteTypes) ? { siteTypes: told.siteTypes } : {}),
  };
  const facts = out.describeAnswers(fresh);
  const changes = out.describeAnswers(corrected);
  if (!facts && !changes) return undefined;
  state.history.push({ question: pending, before: state.profile });
  state.profile = { ...fresh, ...state.profile, ...corrected };
  return [changes ? out.t('check.corrected', { facts: changes }) : undefined, facts ? out.t('check.noted', { facts }) : undefined].filter((line) => line !== undefined).join(' ');
}
