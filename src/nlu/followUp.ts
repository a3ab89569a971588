/**
 * A message read in its conversation. After a reply on filing, a follow-up ("what about the first step?", "is it free?",
 * 那要多久, 如果是公司呢) is about filing though it names none of its words, and a follow-up that only states another case
 * ("what if it's a company?") asks again what the reply answered. A message that is not put as a follow-up is read on its
 * own, as before: "how much does a unicorn cost", after an answer on filing, is still off the topic.
 */
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Language } from '../lexicon.js';
import type { Blanked, FactReader, Facts, MessageReading } from './facts/index.js';
import { RULES, type FiredRule, type Profile, type SituationQuestion } from '../rules/index.js';
import { languageOfText } from './language.js';
import { plainWords, type NormalizedText } from './normalize.js';
import { asksSomething, isQuestionShaped } from './questionShape.js';
import { planMessage, shapeOf, type MessagePlan, type MessageShape, type StatedSituation } from './plan.js';
import { offeredCandidates, type Recognition, type Recognizer } from './recognizer.js';

/** What the conversation is on after a reply: filing, and the question about the case that reply answered, if one. */
export interface ConversationTopic {
  about: 'filing';
  /**
   * The question about the case a verdict answered: the last reply's, or, with {@link entry}, an earlier verdict's, kept
   * through answers on other things ("how long does it take?") for a case told after them.
   */
  asked?: SituationQuestion;
  /** The entry the reply answered with, or offered first. */
  entry?: string;
  /** The language of the reply that answered with {@link entry} outright (not only offered it). */
  answered?: Language;
  /** After a verdict that one thing blocks, the entry on clearing it (the blocker's rule cites it first). */
  blocker?: string;
  /** The reply was a verdict, which ends by offering the full check: a bare yes next takes it up. */
  offersCheck?: true;
}

// Grammar, not product vocabulary: the words a follow-up opens with, and the words that point back to what was said.
/** English openings, as plain words: "what about …", "and how long …", "then which documents?", "in that case …". */
const ENGLISH_OPENINGS = [
  'what about',
  'how about',
  'what if',
  'and',
  'but',
  'also',
  'then',
  'so',
  'plus',
  'same for',
  'same with',
  'in that case',
  'if so',
  'if not',
  'ok and',
  'okay and',
  'ok so',
  'okay so',
  'ok what about',
  'okay what about',
  'ok how about',
  'okay how about',
  'and what about',
  'and how about',
  'and if',
  'what else',
].map((opening) => opening.split(' '));
/** English words that point back ("is it free?", "how long does that take?", "do they check it?"), in a short message only. */
const ENGLISH_POINTERS = new Set(['it', 'that', 'this', 'they', 'them', 'those', 'these', 'its']);
/** An apostrophe inside a word: a contraction ("don't", "it's"). */
const CONTRACTION = /(\p{L})['’](\p{L})/gu;
/** A message of at most this many words points back with one of them; a longer one says what it is about. */
const ENGLISH_POINTING_WORDS = 8;
/** Chinese openings: 那(么), 如果/要是, 还有, 另外, 然后, 再问. */
const CHINESE_OPENING = /^[\s，,]*(?:那么?|如果|要是|假如|还有|另外|然后|再问|再请问|那如果|那要是|那我|那我们)/u;
/** 呢 ending a clause asks "and what about …?" (那个人呢, 公司的呢？, 公司网站呢，能直接用公司名吗). */
const CHINESE_FINAL_NE = /呢(?:[\s?？。!！，,]|$)/u;
/** Chinese words that point back (这个, 那个, 它, 这样, 这些 …), in a short message only. */
const CHINESE_POINTER = /这个|那个|它|这样|那样|这些|那些|这种|那种|这一步|这步/u;
/** A Chinese message of at most this many characters points back with one of them. */
const CHINESE_POINTING_CHARACTERS = 15;
/** A question this short names nothing of its own, so it asks about what was said ("how long?", "which documents?", 要钱吗, 去哪办). */
const BARE_ENGLISH_WORDS = 4;
const BARE_CHINESE_CHARACTERS = 7;

/**
 * A bare yes that takes up an offer ("yes", "sure, go ahead", 好啊, 要): grammar, not product vocabulary. "ok" and 好的 are not
 * among them: they acknowledge a reply as often as they accept what it offers.
 */
const ENGLISH_YES = /^(?:yes|yeah|yep|yup|sure|please|go ahead|let s do it|do it|yes please|sure please|yes let s do it|yes go ahead|sure go ahead|please do|ok let s do it|okay let s do it)$/u;
const CHINESE_YES = /^(?:是|是的|要|要的|要啊|好啊|好呀|行啊|来吧|开始吧|可以啊|麻烦了|好的麻烦了|要检查|检查一下|查一下|帮我查一下)[。！!~～]*$/u;

/** Whether a message is a bare yes (see {@link ENGLISH_YES}). */
export function saysYes(text: string): boolean {
  const trimmed = text.trim();
  return CHINESE_YES.test(trimmed) || ENGLISH_YES.test(plainWords(trimmed));
}

/** Whether a message is put as a follow-up to what was said before (see the module's comment). */
export function readsAsFollowUp(text: string): boolean {
  const trimmed = text.trim();
  const han = trimmed.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han > 0) {
    if (CHINESE_OPENING.test(trimmed) || CHINESE_FINAL_NE.test(trimmed)) return true;
    if (han <= BARE_CHINESE_CHARACTERS && asksSomething(trimmed)) return true;
    return han <= CHINESE_POINTING_CHARACTERS && CHINESE_POINTER.test(trimmed);
  }
  // A contraction is one word ("don't", "it's"), not two.
  const words = plainWords(trimmed.replace(CONTRACTION, '$1$2')).split(' ').filter((w) => w !== '');
  if (words.length === 0) return false;
  if (ENGLISH_OPENINGS.some((opening) => opening.every((word, i) => words[i] === word) && words.length > opening.length)) return true;
  if (words.length <= BARE_ENGLISH_WORDS && (/[?？]\s*$/u.test(trimmed) || asksSomething(trimmed))) return true;
  return words.length <= ENGLISH_POINTING_WORDS && words.some((w) => ENGLISH_POINTERS.has(w));
}

/**
 * Whether a message, after a reply on filing, is a question on it: put as a follow-up, and with no word the entries never use
 * ("and how long does a trademark registration take?" is about trademarks; 那未成年能自己开银行卡吗 about bank cards).
 */
function followsUpOnFiling(text: string, language: Language, normalized: NormalizedText, recognizer: Pick<Recognizer, 'knowsEveryWord'>): boolean {
  return readsAsFollowUp(text) && recognizer.knowsEveryWord(text, normalized, language);
}

/**
 * The topic a planned reply leaves the conversation on: filing after an answer, a verdict, the check or "Did you mean…" (every
 * entry it offers is on filing); none after the fallback or a chat intent.
 */
export function topicAfter(plan: MessagePlan, before?: ConversationTopic, language?: Language): ConversationTopic | undefined {
  // The question an earlier verdict answered stays through answers and offers on other things.
  const asked = before?.asked !== undefined ? { asked: before.asked } : {};
  switch (plan.kind) {
    case 'answer':
      return { about: 'filing', entry: plan.entryId, ...(language ? { answered: language } : {}), ...asked };
    // The first entry offered stands for the reply: a case told next ("如果是公司呢？") picks its fit.
    case 'clarify':
      return plan.candidates[0] ? { about: 'filing', entry: plan.candidates[0].id, ...asked } : { about: 'filing', ...asked };
    case 'check':
      return { about: 'filing' };
    case 'situation': {
      const blocker = plan.decision.kind === 'verdict' ? blockerEntry(plan.decision.assessment.trace) : undefined;
      return { about: 'filing', asked: plan.question, ...(blocker ? { blocker } : {}), ...(plan.decision.kind === 'verdict' ? { offersCheck: true as const } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * The entry a reply would give again, right after the last reply answered with it: the plan answers with it alone, or
 * offers only it. Said again word for word, the answer reads as the bot not listening ("which comes first, cancelling
 * access or transferring?" after the cancel-access answer offered that same answer); the root dialog says instead that
 * its sources say no more, and offers what else might answer. Only in the language of that reply.
 */
export function repeatedAnswer(plan: MessagePlan, topic: ConversationTopic | undefined, language: Language): string | undefined {
  // The same question in the other language asks for the answer in it.
  const entry = topic?.answered === language ? topic.entry : undefined;
  if (entry === undefined) return undefined;
  if (plan.kind === 'answer' && plan.entryId === entry && plan.also === undefined) return entry;
  if (plan.kind === 'clarify' && plan.candidates.length > 0 && plan.candidates.every((candidate) => candidate.id === entry)) return entry;
  return undefined;
}

/** The entry on the one thing that blocks a verdict, when one rule alone blocks it: the first entry that rule cites. */
function blockerEntry(trace: readonly FiredRule[]): string | undefined {
  const blockers = new Set(trace.filter((fired) => fired.effect === 'blocker').map((fired) => fired.rule));
  if (blockers.size !== 1) return undefined;
  const [id] = blockers;
  return RULES.find((rule) => rule.id === id)?.cites[0];
}

/** A message as read in its conversation: its words and its facts, and whether it follows up on the topic. */
export interface MessageInConversation<S extends StatedSituation> {
  normalized: NormalizedText;
  stated: S;
  followsUp: boolean;
}

/**
 * Reads a follow-up in its conversation's topic: its words as if they named the filing, so that the recognizer and the
 * message's shape take it as a question about filing; and, when it states a case but asks nothing of it ("what if it's a
 * company?", 如果是公司呢), the question the last reply answered. Anything else is returned as read.
 */
export function inConversation<S extends StatedSituation>(
  text: string,
  language: Language,
  normalized: NormalizedText,
  stated: S,
  topic: ConversationTopic | undefined,
  recognizer: Pick<Recognizer, 'topic' | 'knowsEveryWord'>,
): MessageInConversation<S> {
  if (topic?.about !== 'filing') return { normalized, stated, followsUp: false };
  // The last reply's question, when it was a verdict (an answer or an offer since leaves an entry: see planInConversation).
  const asksAgain = topic.asked !== undefined && topic.entry === undefined && stated.asks === undefined && Object.keys(stated.profile).length > 0;
  if (!followsUpOnFiling(text, language, normalized, recognizer)) {
    // A statement that tells more of the case right after a verdict ("I live in Beijing", 我在北京上班) is part of it: the verdict's
    // question, asked again with it.
    if (!asksAgain || isQuestionShaped(text)) return { normalized, stated, followsUp: false };
    return { normalized: recognizer.topic.named(normalized, languageOfText(text) ?? language), stated: { ...stated, asks: topic.asked }, followsUp: true };
  }
  return { normalized: recognizer.topic.named(normalized, languageOfText(text) ?? language), stated: asksAgain ? { ...stated, asks: topic.asked } : stated, followsUp: true };
}

/**
 * The reply to a follow-up that tells another case and asks nothing else, when nothing answers it on its own: the last answer
 * fitted to that case ("which papers does an individual need?" … "what about for a company?" gets the company's documents).
 * Any other plan is kept.
 */
export function fittedToCase(plan: MessagePlan, message: MessageInConversation<StatedSituation>, topic: ConversationTopic | undefined, shape: MessageShape, known: Profile = {}): MessagePlan {
  if (!message.followsUp || topic?.entry === undefined || (plan.kind !== 'none' && plan.kind !== 'clarify')) return plan;
  const { stated } = message;
  if (stated.asks !== undefined || Object.keys(stated.profile).length === 0 || !shape.entryForCase) return plan;
  const fitted = shape.entryForCase(topic.entry, { ...known, ...stated.profile });
  return fitted === topic.entry ? plan : { kind: 'answer', entryId: fitted };
}

/** A message planned in its conversation, with what the plan was made from (the root dialog records and replies with them). */
export interface PlannedMessage {
  message: MessageInConversation<Facts>;
  recognition: Recognition;
  shape: MessageShape;
  plan: MessagePlan;
}

/**
 * In a conversation about filing, a question without a filing word that no entry accounts for whole (收到短信说被注销了怎么办) may
 * still be about filing: "Did you mean…" with the entries it would get were it about filing, rather than the fallback, when the
 * entries know every word of it. Not an answer: the same shape asks about load balancing algorithms or game licences after a
 * filing question, which the entries share words with.
 */
function offeredInTopic(alone: Recognition, text: string, language: Language, normalized: NormalizedText, recognizer: Recognizer, topic: ConversationTopic | undefined): Recognition {
  if (topic === undefined || alone.outcome !== 'none' || alone.evidence?.onTopic !== false || !isQuestionShaped(text)) return alone;
  // A word the entries never use says it is about something else: a trademark, a bank card.
  if (!recognizer.knowsEveryWord(text, normalized, language)) return alone;
  const about = recognizer.recognize(text, language, normalized, { aboutFiling: true });
  if (about.outcome !== 'answer') return alone;
  return { ...about, outcome: 'clarify', candidates: offeredCandidates(about.candidates), ranked: about.candidates };
}

/**
 * Plans the reply to a message as the root dialog does and the evaluations measure it: read once (its facts and its words
 * without the case), a follow-up in the topic of the reply before it, normalised once for the recognizer and the shape.
 * `reading`: the message read already, when the caller has it.
 */
export function planInConversation(
  text: string,
  language: Language,
  parts: { recognizer: Recognizer; knowledge: KnowledgeBase; facts: FactReader },
  so: { topic?: ConversationTopic; known?: Profile; reading?: MessageReading } = {},
): PlannedMessage {
  const { recognizer, knowledge, facts } = parts;
  const reading = so.reading ?? facts.readMessage(text);
  const message = inConversation(text, language, recognizer.normalizer.read(text), reading.facts, so.topic, recognizer);
  const alone = recognizer.recognize(text, language, message.normalized);
  const recognition = offeredInTopic(alone, text, language, message.normalized, recognizer, so.topic);
  const withoutCase = (t: string, only?: Blanked) => (t === text ? reading.withoutCase(only) : facts.withoutCase(t, only));
  // The message's shape as read alone: its questions are not about filing because the conversation is.
  const shape = shapeOf(text, language, recognizer, knowledge, alone, message.normalized.terms, withoutCase);
  let plan = fittedToCase(planMessage(recognition, message.stated, shape, so.known), message, so.topic, shape, so.known);
  // "yes" right after a verdict, which ends by offering the full check, and which nothing else answers: the check, with what was told.
  if (plan.kind === 'none' && so.topic?.offersCheck === true && saysYes(text)) return { message, recognition, shape, plan: { kind: 'check', profile: { ...so.known } } };
  // The verdict's question asked again, for a message that asks a question of its own, one an entry answers outright and the
  // verdict does not cite ("网站放在香港不用备案吧" … "那要是放国内，但服务器不是腾讯云的，能在腾讯云办吗" asks whether another
  // provider's server can be filed through Tencent Cloud, not whether a filing is needed): that entry.
  if (
    message.stated.asks !== reading.facts.asks &&
    recognition.outcome === 'answer' &&
    recognition.top !== undefined &&
    plan.kind === 'situation' &&
    plan.decision.kind === 'verdict' &&
    !(plan.decision.assessment.cites as readonly string[]).includes(recognition.top.id)
  ) {
    const own = { ...message, stated: reading.facts };
    plan = fittedToCase(planMessage(recognition, own.stated, shape, so.known), own, so.topic, shape, so.known);
    return { message: own, recognition, shape, plan };
  }
  // A case told after answers on other things, which neither answers on its own (but by a guess) nor fits the last answer ("how
  // long does it take?" … "what if our server were in Singapore instead?"): the question an earlier verdict answered, asked again.
  const { stated } = message;
  // "那怎么转", "how do I fix that?" right after a verdict that one thing blocks, which nothing answers on its own: how to clear it.
  if (
    (plan.kind === 'none' || plan.kind === 'clarify') &&
    message.followsUp &&
    so.topic?.blocker !== undefined &&
    so.topic.entry === undefined &&
    stated.asksHow === true &&
    Object.keys(stated.profile).length === 0
  ) {
    return { message, recognition, shape, plan: { kind: 'answer', entryId: so.topic.blocker } };
  }
  if (
    (plan.kind === 'none' || plan.kind === 'clarify' || (plan.kind === 'situation' && plan.unasked === true)) &&
    message.followsUp &&
    so.topic?.asked !== undefined &&
    so.topic.entry !== undefined &&
    stated.asks === undefined &&
    Object.keys(stated.profile).length > 0
  ) {
    const again = { ...message, stated: { ...stated, asks: so.topic.asked } };
    return { message: again, recognition, shape, plan: planMessage(recognition, again.stated, shape, so.known) };
  }
  return { message, recognition, shape, plan };
}
