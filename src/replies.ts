import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import { rememberingT } from './i18n.js';
import { sourceUrl } from './knowledge/load.js';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeSource } from './knowledge/types.js';
import type { Language } from './nlu/language.js';
import type { Candidate } from './nlu/faqMatcher.js';

/** Most related questions offered under an answer. */
const MAX_RELATED = 3;

/** An answer's opening sentence when it is a bare yes or no: "Yes. ", "No. ", 需要。, 不能。 … */
const BARE_VERDICT = /^(?:Yes|No)\.\s+|^(?:需要|不需要|可以|不可以|能|不能|是|不是|会|不会)。\s*/u;

/** The answer without its opening bare yes or no, when it has one and more follows. */
export function withoutBareVerdict(answer: string): string {
  const stripped = answer.replace(BARE_VERDICT, '');
  return stripped.trim() === '' ? answer : stripped;
}

/**
 * Builds every reply the bot sends from locale strings and knowledge files, in one language.
 * Nothing user-facing is written anywhere else.
 */
export class Replies {
  readonly t: TFunction;
  private readonly entries: Map<string, KnowledgeEntry>;
  /** Each entry's "Source: …" line, rendered once (see {@link rememberingT}). */
  private readonly sourceLines = new Map<string, string>();

  constructor(
    i18n: i18n,
    private readonly knowledge: KnowledgeBase,
    readonly language: Language,
  ) {
    this.t = rememberingT(i18n.getFixedT(language));
    this.entries = new Map(knowledge.entries[language].map((e) => [e.id, e]));
  }

  /** One Replies per supported language, built once. */
  static forLanguages(i18n: i18n, knowledge: KnowledgeBase): Record<Language, Replies> {
    return { en: new Replies(i18n, knowledge, 'en'), 'zh-CN': new Replies(i18n, knowledge, 'zh-CN') };
  }

  /** A plain text message in this language. */
  text(text: string): Partial<Activity> {
    return { ...MessageFactory.text(text), locale: this.language };
  }

  /**
   * Marks the reply to a user's explicit language switch with the language chosen
   * (`channelData.chosenLocale`), so a client can switch its own words too (the chat page does).
   */
  languageChosen(reply: Partial<Activity>): Partial<Activity> {
    const channelData = typeof reply.channelData === 'object' && reply.channelData !== null ? reply.channelData : {};
    return { ...reply, locale: this.language, channelData: { ...channelData, chosenLocale: this.language } };
  }

  /** The welcome message with a few starting points. */
  welcome(): Partial<Activity> {
    return this.withActions(this.t('welcome.text'), [
      this.imBack(this.t('welcome.exampleHongKong')),
      this.imBack(this.t('welcome.exampleForeign')),
      this.imBack(this.t('button.checkSituation')),
      this.imBack(this.language === 'en' ? this.t('button.chinese') : this.t('button.english')),
    ]);
  }

  /**
   * An FAQ answer: the answer, its source link, and related questions as suggested actions; with
   * `feedback`, the "Helpful?" buttons 👍 / 👎 after them; with `asked.noBareVerdict`, without an opening bare yes or no.
   */
  answer(entryId: string, corrections: readonly { from: string; to: string }[] = [], feedback = false, asked: { noBareVerdict?: boolean } = {}): Partial<Activity> {
    const entry = this.entries.get(entryId);
    if (!entry) throw new Error(`Replies.answer(): no entry "${entryId}" in ${this.language}`);
    const source = this.knowledge.sources.get(entry.source);
    // A question that weighs one thing against another, or asks whether one thing is enough, is not answered by the entry's
    // opening "Yes." or 需要。 (bareVerdictMisleads).
    const parts = [asked.noBareVerdict ? withoutBareVerdict(entry.answer) : entry.answer];
    if (source) parts.push(this.sourceLine(entry, source));
    if (corrections.length > 0) {
      parts.push(corrections.map((c) => this.t('answer.corrected', { from: c.from, to: c.to })).join(' '));
    }
    const related = entry.related
      .map((id) => this.entries.get(id))
      .filter((e): e is KnowledgeEntry => e !== undefined)
      .slice(0, MAX_RELATED)
      .map((e) => this.imBack(e.question));
    const rate = feedback ? [this.imBack(this.t('feedback.helpful')), this.imBack(this.t('feedback.notHelpful'))] : [];
    return this.withActions(parts.join('\n\n'), [...related, ...rate]);
  }

  /**
   * What an answer adds under another reply that rests on the same entry: its source line, its
   * related questions and, with `feedback`, the "Helpful?" buttons.
   */
  entryFooter(entryId: string, feedback = false): { source?: string; actions: CardAction[] } {
    const answer = this.answer(entryId, [], feedback);
    const entry = this.entries.get(entryId)!;
    const source = this.knowledge.sources.get(entry.source);
    return { ...(source ? { source: this.sourceLine(entry, source) } : {}), actions: answer.suggestedActions?.actions ?? [] };
  }

  /** The reply to a 👍. */
  feedbackThanks(): Partial<Activity> {
    return this.text(this.t('feedback.thanks'));
  }

  /** The reply to a 👎: the next candidates' questions and a person, as buttons. */
  notHelpful(entryIds: readonly string[]): Partial<Activity> {
    const options = entryIds
      .map((id) => this.entries.get(id))
      .filter((e): e is KnowledgeEntry => e !== undefined)
      .map((e) => this.imBack(e.question));
    const text = this.t(options.length > 0 ? 'feedback.sorry' : 'feedback.sorryNoOthers');
    return this.withActions(text, [...options, this.imBack(this.t('button.talkToPerson'))]);
  }

  /**
   * When a message would get the answer it just got: the last answer is all the sources say on that entry's question;
   * other entries that might answer (the message's other candidates, or else the entry's related questions) as
   * buttons, and a person when `offerPerson`.
   */
  sameAnswer(entryId: string, others: readonly string[], offerPerson: boolean): Partial<Activity> {
    const entry = this.entries.get(entryId);
    if (!entry) throw new Error(`Replies.sameAnswer(): no entry "${entryId}" in ${this.language}`);
    // The other entries the message might mean, or else the answer's related questions.
    const candidates = others.filter((id) => id !== entryId);
    const options = (candidates.length > 0 ? candidates : entry.related)
      .map((id) => this.entries.get(id))
      .filter((e): e is KnowledgeEntry => e !== undefined)
      .slice(0, MAX_RELATED)
      .map((e) => this.imBack(e.question));
    const next = options.length > 0 ? (offerPerson ? 'sameAnswer.othersOrPerson' : 'sameAnswer.others') : offerPerson ? 'sameAnswer.rephraseOrPerson' : 'sameAnswer.rephrase';
    const text = this.t('sameAnswer.text', { question: entry.question, next: this.t(next) });
    return this.withActions(text, [...options, ...(offerPerson ? [this.imBack(this.t('button.talkToPerson'))] : [])]);
  }

  /** "Did you mean…" with the candidates' questions, in the reply language, as buttons. */
  clarify(candidates: readonly Candidate[]): Partial<Activity> {
    const options = candidates
      .map((c) => this.entries.get(c.id))
      .filter((e): e is KnowledgeEntry => e !== undefined)
      .map((e) => this.imBack(e.question));
    return this.withActions(this.t('clarify.prompt'), options);
  }

  /** The fallback: what the bot can help with, the eligibility check, and a person when `offerPerson` (someone can answer). */
  fallback(offerPerson: boolean): Partial<Activity> {
    const check = this.imBack(this.t('button.checkSituation'));
    if (!offerPerson) return this.withActions(this.t('fallback.textNoPerson'), [check]);
    return this.withActions(this.t('fallback.text'), [check, this.imBack(this.t('button.talkToPerson'))]);
  }

  /** Help text with the main actions. */
  help(): Partial<Activity> {
    return this.withActions(this.t('intent.help'), [
      this.imBack(this.t('welcome.exampleHongKong')),
      this.imBack(this.t('welcome.exampleProvince')),
      this.imBack(this.t('button.checkSituation')),
      this.imBack(this.t('button.talkToPerson')),
    ]);
  }

  /** A text with suggested actions; channels without them still show the text. */
  withActions(text: string, actions: CardAction[]): Partial<Activity> {
    const activity = actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
    return { ...activity, textFormat: 'markdown', locale: this.language };
  }

  /**
   * An entry's "Source: …" line, with the day the page was last updated when it shows one, and
   * after it each dated page that confirms the answer, so that an answer from an undated page still
   * tells the reader how recent its facts are.
   */
  private sourceLine(entry: KnowledgeEntry, source: KnowledgeSource): string {
    let line = this.sourceLines.get(entry.id);
    if (line === undefined) {
      const link = { title: source.title[this.language], url: sourceUrl(this.knowledge, entry) ?? source.url };
      line = source.updated ? this.t('answer.sourceUpdated', { ...link, updated: source.updated }) : this.t('answer.source', link);
      const confirmations = entry.confirmedBy
        .map((id) => this.knowledge.sources.get(id))
        .filter((page): page is KnowledgeSource & { updated: string } => page?.updated !== undefined)
        .map((page) => this.t('answer.confirmedBy', { title: page.title[this.language], url: page.url, updated: page.updated }));
      if (confirmations.length > 0) line = this.t('answer.withConfirmations', { source: line, confirmations: confirmations.join(this.t('answer.confirmationSeparator')) });
      this.sourceLines.set(entry.id, line);
    }
    return line;
  }

  /** A button that sends its own title back as the user's message. */
  imBack(title: string): CardAction {
    return { type: ActionTypes.ImBack, title, value: title };
  }
}
