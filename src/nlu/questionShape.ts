/**
 * Whether a message is shaped as a question. The check uses it so that a question typed while it
 * waits for an answer is answered as a question, never read as the answer ("is a company from the
 * US allowed …" at "Where is the server?" is not "outside mainland China").
 */
import { plainWords } from './normalize.js';

// Grammar, not product vocabulary: the words English questions open with.
const OPENING_WORDS = new Set([
  'what', 'whats', 'how', 'why', 'which', 'where', 'who', 'whom', 'whose', 'when',
  'can', 'could', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'should', 'shall', 'will', 'would', 'may', 'might', 'must', 'am', 'have', 'has',
]);
/** Chinese question particles at the end, and interrogative words anywhere. */
const CHINESE_FINAL_PARTICLE = /[吗么呢嘛][\s。.!！]*$/u;
// Not 什么都, 啥都, 哪儿都 ("nothing", "anywhere": 在中国啥都没有). Also 几 before a measure ("买几核几G的", 几台, 几天; not 好几年, 几年前) and a choice weighed ("用MySQL还是PostgreSQL好", 要重新备吗还是加进去就行).
const CHINESE_INTERROGATIVE =
  /怎么|怎样|如何|咋|啥(?!都)|为什么|为何|是否|能否|可否|哪里(?!都)|哪儿(?!都)|哪个|哪些|哪家|哪种|哪款|哪一|多少|多久|多长|几个|(?<!好)几[核台天年月周次家位条张种块GgMmTt](?![前后来])|还是[^，。,！!]{1,20}(?:好|合适|划算|更好|就行|就可以|就够)[\s。.!！]*$|[吗么]还是|什么(?!都)|行不行|能不能|可不可以|要不要|是不是|有没有|需不需要|用不用/u;
/** Shorter answers are answers even with a question mark ("mainland?", "广州？"). */
const MIN_ENGLISH_WORDS = 4;
const MIN_CHINESE_CHARACTERS = 6;

/** True when the text reads as a question rather than a short answer. */
export function isQuestionShaped(text: string): boolean {
  const trimmed = text.trim();
  const han = trimmed.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = plainWords(trimmed).split(' ').filter((w) => w !== '');
  const long = han >= MIN_CHINESE_CHARACTERS || words.length >= MIN_ENGLISH_WORDS;
  if (!long) return false;
  // A question mark ends a question wherever it stands: "do I need a filing? my server is in Shenzhen".
  if (/[?？]/u.test(trimmed)) return true;
  if (han > 0 && (CHINESE_FINAL_PARTICLE.test(trimmed) || CHINESE_INTERROGATIVE.test(trimmed))) return true;
  // Any sentence or clause may be the question: "company in Ningbo, server on aliyun. what documents do we need".
  return clausesOf(trimmed).some((clause) => OPENING_WORDS.has(openingWord(clause)));
}

/** Words that may come before an English question's first word: "roughly how long …", "so what do we need …". */
const LEAD_INS = new Set(['so', 'and', 'but', 'also', 'then', 'ok', 'okay', 'roughly', 'approximately', 'just', 'now', 'anyway', 'btw', 'again', 'well', 'hey', 'hi']);

/** A clause's first English word, after any lead-in words. */
function openingWord(clause: string): string {
  const words = plainWords(clause).split(' ').filter((w) => w !== '');
  return words.find((w) => !LEAD_INS.has(w)) ?? '';
}

/**
 * Whether a clause, however short, asks something: it opens with an English question word, or has a Chinese interrogative
 * word or final particle ("要多久", "how much does it cost"). Unlike {@link isQuestionShaped}, no length is needed: it
 * judges the parts of a message already known to ask, not a message that might be an answer.
 */
export function asksSomething(clause: string): boolean {
  const trimmed = clause.trim();
  if (/\p{Script=Han}/u.test(trimmed)) return CHINESE_FINAL_PARTICLE.test(trimmed.replace(/[?？]+$/u, '')) || CHINESE_INTERROGATIVE.test(trimmed);
  return OPENING_WORDS.has(openingWord(trimmed));
}

/**
 * Whether a message asks in words, not only by a question mark: some clause opens with a question word or has a Chinese
 * interrogative or final particle. "I think it's in Guangzhou?" is an answer said unsure, "is Guangzhou ok?" a question.
 */
export function asksInWords(text: string): boolean {
  return clausesOf(text).some((clause) => asksSomething(clause));
}

// Grammar, not product vocabulary: what makes "or" weigh nothing ("… or not?", "or something"), what puts it in a condition
// ("do I need a filing if I host in HK or Singapore?" asks yes or no), and what 还是 means when it is "still" (还是要备案吗).
const OR_NOT = new Set(['not', 'no', 'nah', 'nope', 'something', 'anything', 'whatever', 'else', 'so', 'what', 'sth']);
const CONDITION_WORDS = new Set(['if', 'when', 'whether', 'unless', 'while', 'because', 'since']);
const MIN_WORDS_BEFORE_OR = 3;
const STILL_AFTER = /^[要需得会能可不没也还就]/u;
const PRONOUN_BEFORE = /[我你他她它们咱俺]$/u;

/**
 * Whether a message weighs one thing against another ("do I need the filing or the licence?", "Aliyun or Tencent?",
 * 个人备案还是企业备案？): an answer that opens with a bare yes or no does not answer it. The choice is in the clause that asks;
 * not "… or not?", an "or" inside a condition ("… if I host in HK or Singapore?"), nor 还是 as "still" (我还是要备案吗).
 */
export function asksEitherOr(text: string): boolean {
  const trimmed = text.trim();
  const chinese = /\p{Script=Han}/u.test(trimmed);
  if (chinese) {
    if (!isQuestionShaped(trimmed)) return false;
    const clauses = clausesOf(trimmed);
    // In the clause that asks: "服务器在香港还是新加坡，需要备案吗" asks yes or no.
    return clauses.some((clause, index) => {
      const at = clause.indexOf('还是');
      if (at < 0 || (index < clauses.length - 1 && !asksSomething(clause))) return false;
      const before = clause.slice(0, at);
      const after = clause.slice(at + 2);
      // 是…还是… weighs whatever follows (是备案就行还是得办许可证); otherwise 还是要, 还是得 is "still".
      const weighs = before.includes('是') || !STILL_AFTER.test(after);
      return (before.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2 && !PRONOUN_BEFORE.test(before) && after !== '' && weighs;
    });
  }
  const clauses = clausesOf(trimmed);
  return clauses.some((clause, index) => {
    const words = plainWords(clause).split(' ').filter((w) => w !== '');
    const at = words.indexOf('or');
    if (at < 0 || at === words.length - 1 || OR_NOT.has(words[at + 1])) return false;
    // "…, or do we need the licence?": a clause opening with "or" after a clause that asks.
    if (at === 0) return index > 0 && asksSomething(clauses[index - 1]);
    // Two things said before the verb weigh nothing ("do news or finance sites need approval?"): the "or" comes after the
    // question word and at least two more ("do i need icp filing or …").
    return at >= MIN_WORDS_BEFORE_OR && asksSomething(clause) && !words.slice(0, at).some((word) => CONDITION_WORDS.has(word));
  });
}

// Grammar again: "is X enough?", 光有备案号够不够 / 行不行 ask whether one thing suffices, which an entry's "Yes." (a licence is
// needed) answers the other way round.
const ENOUGH_EN = /\benough\b|\bsuffic(?:e|es|ient)\b/u;
const ENOUGH_ZH = /够不够|够吗|够了吗|够用吗|就够|足够吗|就行吗|就行了吗|就可以了吗|(?:光|只)(?:有|靠|用|办).{0,12}(?:行不行|行吗|可以吗|可不可以)/u;

/**
 * Whether a message asks if one thing is enough ("we take payments online, is the filing enough?", 光有备案号行不行): an entry's
 * opening bare yes or no answers whether the other thing is needed, the opposite question.
 */
export function asksIfEnough(text: string): boolean {
  const trimmed = text.trim().toLowerCase();
  if (!isQuestionShaped(trimmed) && !asksInWords(trimmed)) return false;
  // In the clause that asks, or the last: "we have enough documents, how long does it take?" asks how long.
  const clauses = clausesOf(trimmed);
  return clauses.some(
    (clause, index) => (asksSomething(clause) || index === clauses.length - 1) && (/\p{Script=Han}/u.test(clause) ? ENOUGH_ZH.test(clause) : ENOUGH_EN.test(clause)),
  );
}

/** Whether an entry's opening bare yes or no would mislead as a reply to the message: it weighs two things, or asks if one is enough. */
export function bareVerdictMisleads(text: string): boolean {
  return asksEitherOr(text) || asksIfEnough(text);
}

/**
 * Punctuation between clauses: commas, semicolons, sentence ends (a dot only before a space: "name.com", "U.S." stay),
 * dashes between words ("… on Aliyun — how long until …"; a hyphen only with spaces around it).
 */
const CLAUSE_BREAK = /[，,。；;？?！!\n—–]+|\.\s+|\s-\s/u;

/** The clauses of a text, trimmed, empty ones left out. */
export function clausesOf(text: string): string[] {
  return text.split(CLAUSE_BREAK).map((c) => c.trim()).filter((c) => c !== '');
}
