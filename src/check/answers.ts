import type { TFunction } from 'i18next';
import { translateRef } from '../i18n.js';
import { plainWords } from '../nlu/normalize.js';
import { clausesOf } from '../nlu/questionShape.js';
import { matchProvince, matchRegion, type AnswerValue, type Profile, type ProvinceId, type Question } from '../rules/index.js';
import type { FactReader, Facts, PlaceMention } from '../nlu/facts/index.js';

/** What a user can say at any step of the eligibility check. */
export type CheckControl = 'why' | 'back' | 'restart' | 'cancel';

// Matching vocabulary (never shown to users): whole messages, lower case, punctuation removed.
const CONTROL_WORDS: Record<CheckControl, readonly string[]> = {
  why: ['why', 'why do you ask', 'why do you ask that', 'why ask', 'why is that', 'why?', 'explain', '为什么', '为什么问', '为什么问这个', '为何', '原因', '为啥'],
  back: ['back', 'go back', 'previous', 'previous question', 'undo', 'change my answer', 'change last answer', '返回', '上一步', '上一个', '上一题', '后退', '改上一个答案'],
  restart: ['restart', 'start over', 'start again', 'begin again', 'reset', '重新开始', '重来', '从头开始', '重置'],
  cancel: ['cancel', 'stop', 'quit', 'exit', 'never mind', 'nevermind', 'forget it', '取消', '算了', '不用了', '退出', '停止'],
};
/**
 * Each control word as plainWords leaves it, with its control (the first that has it, in the order
 * above). Every message is tested against them, so they are normalised once, not for each message.
 */
const CONTROL_BY_PLAIN_WORDS = new Map<string, CheckControl>();
for (const control of Object.keys(CONTROL_WORDS) as CheckControl[]) {
  for (const word of CONTROL_WORDS[control]) {
    const plain = plainWords(word);
    if (!CONTROL_BY_PLAIN_WORDS.has(plain)) CONTROL_BY_PLAIN_WORDS.set(plain, control);
  }
}
const YES_WORDS = ['yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'correct', 'right', 'true', 'of course', 'i do', 'we do', 'it is', 'it does', 'has', 'have', '是', '是的', '对', '对的', '有', '有的', '嗯', '好', '好的', '需要', '会', '要', '已经', '已提交', '同一个', '相同'];
const NO_WORDS = ['no', 'n', 'nope', 'nah', 'not', 'false', 'none', 'i do not', 'we do not', 'dont', 'don t', 'not yet', 'never', '否', '不是', '不', '没有', '没', '不会', '不要', '不需要', '还没', '还没有', '未', '不同', '不一样'];
/** A first clause that says there is nothing (of what a question asks is there). */
const NOTHING = /^(?:nothing|none|nothing at all|nothing yet|none yet|nothing there|nothing in china|什么都没有|什么也没有|啥都没有|啥也没有)$/u;
const UNKNOWN_WORDS = [
  'i don t know', 'i dont know', 'dont know', 'don t know', 'not sure', 'unsure', 'no idea', 'no clue', 'not certain', 'unknown', 'maybe',
  'haven t decided', 'havent decided', 'not decided', 'not yet decided', 'undecided', 'still deciding', 'tbd', 'to be decided', 'haven t chosen', 'havent chosen',
  '不知道', '不清楚', '不确定', '说不准', '不了解', '不太清楚', '不太确定', '不好说', '没想好', '还没决定', '不一定',
  '还没定', '没定好', '还没确定', '待定', '未定', '还在考虑', '还没选', '没选好', '纠结', 'haven t picked', 'havent picked', 'not picked', 'torn between',
  // Not had yet ("we haven't bought a server yet", 服务器还没买): where it will be is still open.
  'haven t bought', 'havent bought', 'not bought yet', 'no server yet', 'don t have a server yet', 'dont have a server yet', 'don t have one yet', 'dont have one yet',
  '还没买', '还没有买', '还没租', '还没有租', '还没有服务器', '暂时没有服务器',
  // Not knowing what the question means ("cdn是啥 我不懂", "what does that mean?"): the question's "why?" says.
  'don t understand', 'dont understand', 'what does that mean', 'what does it mean', 'what does this mean',
  '不懂', '不明白', '没听懂', '看不懂', '啥意思', '什么意思',
];
/** A reply of at most this many words that holds a word of not knowing says the user does not know ("I'm not sure yet"). */
const NOT_SURE_MAX_WORDS = 6;

const CHINESE_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ENGLISH_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, single: 1, a: 1 };


/** The check control a whole message expresses ("why?", "back", "重新开始"), if any. */
export function controlOf(text: string): CheckControl | undefined {
  const plain = plainWords(text);
  if (plain.length === 0) return undefined;
  return CONTROL_BY_PLAIN_WORDS.get(plain);
}

// Grammar: words that open a case supposed rather than told ("what if the server were in Hong Kong?", 如果放香港呢, 假如我是公司).
const SUPPOSING = /^(?:(?:and|but|so|ok|okay)\s+)?(?:what\s+if|if|suppose|supposing|say|let's\s+say|lets\s+say|hypothetically|in\s+case)\b|^[\s，,]*(?:那么?|那)?(?:如果|要是|假如|假设|万一|若是|倘若)/iu;

/** Whether a message supposes a case rather than telling one: what it says is not kept as the user's facts. */
export function supposes(text: string): boolean {
  return SUPPOSING.test(text.trim());
}

/** Whether a message is the checkbox card's "Done" typed rather than clicked, in any of the `labels`' languages. */
export function saysDone(text: string, labels: readonly TFunction[]): boolean {
  const plain = plainWords(text);
  return plain.length > 0 && labels.some((t) => plainWords(t('button.done')) === plain);
}

// Grammar, not product vocabulary: words that take back what was said before ("actually it's in Singapore", "no, not games",
// "I meant a company", 其实服务器在新加坡, 不是网络游戏, 说错了). ("isn't" reads as "isn t".)
const CORRECTION_WORDS = new Set(['actually', 'not', 'no', 'nope', 'instead', 'sorry', 'meant', 'mean', 'wrong', 'mistake', 'correction', 't', 'rather']);
const CORRECTION_CHINESE = /其实|不是|不对|说错|搞错|弄错|写错|打错|更正|纠正|应该是|改成|改为|改一下|重新说/u;

/**
 * Whether a statement takes back something said before: what it tells about the server or the site's content then replaces the
 * check's answer, where otherwise a fact already answered stands.
 */
export function soundsLikeCorrection(text: string): boolean {
  if (CORRECTION_CHINESE.test(text)) return true;
  return plainWords(text)
    .split(' ')
    .some((word) => CORRECTION_WORDS.has(word));
}

/** Whether a short reply says the user does not know the answer ("not sure", "I don't know yet", 不太清楚, 还没决定). */
export function saysNotSure(text: string): boolean {
  const plain = plainWords(text);
  return plain.split(' ').length <= NOT_SURE_MAX_WORDS && holdsNotKnowing(plain);
}

/**
 * Whether a reply of any length holds a word of not knowing ("I don't know yet where the server will be").
 * Only for a reply that nothing else reads: a longer one may say what it does not know beside an answer.
 */
export function mentionsNotKnowing(text: string): boolean {
  return holdsNotKnowing(plainWords(text));
}

/**
 * Whether a reply that answers nothing says the user does not know: a short "not sure", or a longer reply that asks nothing and
 * tells nothing but, at most, the pending fact ("probably yes? we haven't picked the CDN yet": "haven't picked the CDN" is not
 * "no CDN"). `asks`: whether the reply asks a question in words.
 */
export function notSureOf(question: Question, text: string, facts: FactReader, asks: boolean): boolean {
  if (saysNotSure(text)) return true;
  return !asks && mentionsNotKnowing(text) && Object.keys(facts.read(text).profile).every((field) => field === question.field);
}

function holdsNotKnowing(plain: string): boolean {
  if (plain === '') return false;
  return UNKNOWN_WORDS.some((w) => plain === w || (/^\p{Script=Han}/u.test(w) ? plain.includes(w) : ` ${plain} `.includes(` ${w} `)));
}

/** An apology opening a reply ("不好意思，…", "sorry, …"): not an answer, though 不好意思 begins like a no. */
const APOLOGY = /^(?:不好意思|抱歉|对不起|sorry|oops)\s*/u;

function yesNo(text: string): boolean | undefined {
  const plain = plainWords(text).replace(APOLOGY, '');
  // "不太清楚" and "not sure" begin like a no, and are none.
  if (saysNotSure(text)) return undefined;
  if (YES_WORDS.includes(plain)) return true;
  if (NO_WORDS.includes(plain)) return false;
  const words = plain.split(' ');
  const first = words[0];
  if (['yes', 'yeah', 'yep', 'sure', 'correct'].includes(first)) return true;
  if (['no', 'nope', 'not', 'never'].includes(first)) return false;
  if (/^(是|对|有|已经)/u.test(plain)) return true;
  if (/^(不|没|否|还没|未)/u.test(plain)) return false;
  return undefined;
}

/**
 * What a reply to one question of the check says: an answer, or a place outside mainland China
 * where the question wants a mainland province (the dialog can say why that cannot be), or nothing.
 */
export type AnswerReading =
  | { kind: 'answer'; value: AnswerValue }
  | { kind: 'outside-mainland'; place: PlaceMention }
  | { kind: 'none' };

const NONE: AnswerReading = { kind: 'none' };

function answer(value: AnswerValue | undefined): AnswerReading {
  return value === undefined ? NONE : { kind: 'answer', value };
}

/**
 * Reads a reply to one question of the check: a button label (in either language), or free text
 * read with the same fact reader as an opening message ("Guangzhou" and "广州" answer a province
 * question with guangdong, "Tencent Cloud Guangzhou" and "ap-guangzhou" the hosting question with
 * mainland, "GmbH" and "香港公司" the entity question with foreign-enterprise), plus the short
 * forms only an answer uses ("yes", "没有", "two", a province name with a slip: "guangdon").
 */
export function readAnswer(question: Question, text: string, labels: readonly TFunction[], facts: FactReader): AnswerReading {
  const plain = plainWords(text);
  if (plain.length === 0) return NONE;
  for (const option of question.options) {
    if (labels.some((t) => plainWords(translateRef(t, option.label)) === plain)) {
      return { kind: 'answer', value: (question.multiple ? [option.value] : option.value) as AnswerValue };
    }
  }
  switch (question.kind) {
    case 'yes-no':
      return answer(yesNo(text));
    case 'province':
      return provinceAnswer(question, text, facts.read(text, 'answer'));
    case 'number':
      return answer(facts.read(text, 'answer').profile.numberOfSites ?? numberIn(plain));
    case 'choice':
      return answer(choiceIn(question, text, facts));
  }
}

/**
 * The answer a reply gives to one question of the check, or undefined when the reply does not
 * answer it (the dialog then treats it as an interruption); see `readAnswer`.
 */
export function interpretAnswer(question: Question, text: string, labels: readonly TFunction[], facts: FactReader): AnswerValue | undefined {
  const reading = readAnswer(question, text, labels, facts);
  return reading.kind === 'answer' ? reading.value : undefined;
}

/**
 * Whether a reply places what a question with {@link Question.outside} asks about outside mainland China: a place there
 * ("Germany", "abroad", 在国外), the mainland denied ("not in China"), or the question's own fact said ("I live in Singapore").
 */
export function answersOutside(question: Question, text: string, facts: FactReader): boolean {
  if (!question.outside || question.kind !== 'province') return false;
  const read = facts.read(text, 'answer');
  if (provinceAnswer(question, text, read).kind === 'outside-mainland') return true;
  return (read.profile as Record<string, unknown>)[question.outside.field] === question.outside.value || read.places.some((p) => p.negated && p.province === 'mainland');
}

function isProvince(province: PlaceMention['province']): province is ProvinceId {
  return province !== 'mainland' && province !== 'outside-mainland';
}

/**
 * A place names its province; a place in the role the question asks about wins over others ("I live in Shanghai, ID from
 * Hunan"), then a place said with no role over those said with another ("四川的 不过我现在在成都上班 服务器在上海", asked
 * the ID's province: Sichuan, though the server is in Shanghai).
 */
function provinceAnswer(question: Question, text: string, read: Facts): AnswerReading {
  const places = read.places.filter((p) => !p.negated);
  const inRole = places.filter((p) => p.role === question.field);
  const unstated = places.filter((p) => p.role === 'unstated');
  for (const candidates of [inRole, unstated, places]) {
    const provinces = new Set(candidates.map((p) => p.province).filter(isProvince));
    if (provinces.size === 1) return { kind: 'answer', value: [...provinces][0]! };
    if (provinces.size > 1) return NONE;
  }
  const outside = places.find((p) => p.province === 'outside-mainland');
  if (outside) return { kind: 'outside-mainland', place: outside };
  return answer(matchProvince(text));
}

function numberIn(plain: string): number | undefined {
  const digits = /\d+/.exec(plain);
  if (digits) {
    const n = Number(digits[0]);
    return n >= 1 && n <= 1000 ? n : undefined;
  }
  for (const word of plain.split(' ')) if (ENGLISH_NUMBERS[word] !== undefined) return ENGLISH_NUMBERS[word];
  for (const char of plain) if (CHINESE_NUMBERS[char] !== undefined) return CHINESE_NUMBERS[char];
  return undefined;
}

/** Words that weigh one thing against another (grammar): "A or B", A还是B, A或者B. */
const WEIGHING = /\bor\b|还是|或者|或是/iu;

/**
 * Where a reply to "where is the server?" puts it: the places it names (any role, or only the server's when it tells another
 * fact), the provider, else a province with a slip.
 */
function hostingIn(text: string, facts: FactReader): AnswerValue | undefined {
  const read = facts.read(text, 'answer');
  // Weighing a server on either side ("在纠结买华为云北京还是香港的", "Beijing or Hong Kong") answers neither.
  if (WEIGHING.test(text) && serverSides(read.places.filter((p) => p.role === 'server')).size > 1) return undefined;
  if (read.profile.hosting) return read.profile.hosting;
  // A reply that tells another fact names the server's place only with a word for the server: "我们在中国没有任何机构" and
  // "we don't have any entity in China" say the company has nothing in the mainland, not that the server is there.
  const told = Object.keys(read.profile).length > 0;
  const named = told ? read.places.filter((p) => p.role === 'server') : read.places;
  const sides = serverSides(named);
  if (sides.size === 1) return [...sides][0] as AnswerValue;
  if (sides.size > 1) return undefined;
  if (told) return undefined;
  return matchRegion(text);
}

/** The sides of the mainland the places name: "not in China" names outside; "中国香港", the country before a region outside, names the region. */
function serverSides(named: readonly PlaceMention[]): Set<'mainland' | 'outside-mainland'> {
  const sides = new Set<'mainland' | 'outside-mainland'>();
  const places = named.some((p) => p.province === 'outside-mainland' && !p.negated) ? named.filter((p) => p.province !== 'mainland') : named;
  for (const place of places) {
    if (place.negated) {
      if (place.province === 'mainland') sides.add('outside-mainland');
      continue;
    }
    sides.add(place.province !== 'outside-mainland' ? 'mainland' : 'outside-mainland');
  }
  return sides;
}

function choiceIn(question: Question, text: string, facts: FactReader): AnswerValue | undefined {
  switch (question.field) {
    case 'hosting':
      return hostingIn(text, facts);
    case 'entityType': {
      const read = facts.read(text, 'answer');
      if (read.profile.entityType) return read.profile.entityType;
      // Asked who files, a place outside the mainland alone ("Hong Kong") is where the company is from.
      return read.places.some((p) => p.province === 'outside-mainland' && !p.negated && p.role !== 'server') ? 'foreign-enterprise' : undefined;
    }
    case 'foreignPresence': {
      // A no ("没有", "no") says nothing is there; a reply that says who files instead ("不好意思，其实是我个人做的") is not that no.
      const read = facts.read(text, 'answer').profile;
      if (read.foreignPresence) return read.foreignPresence;
      if (read.entityType === undefined && yesNo(text) === false) return 'none';
      // "Nothing" first, then more of the case ("nothing, just HK. but I personally have a HK ID"): the first clause answers. Not a
      // bare no ("no, it's just me personally"), which says who files instead.
      return NOTHING.test(plainWords(clausesOf(text)[0] ?? '')) ? 'none' : undefined;
    }
    case 'remoteApplicationAccepted': {
      const plain = plainWords(text);
      if (UNKNOWN_WORDS.some((w) => plain.includes(w))) return 'unknown';
      const answer = yesNo(text);
      return answer === undefined ? undefined : answer ? 'yes' : 'no';
    }
    case 'siteTypes': {
      // An industry said as the content ("医疗相关", "news and online courses") is general content to the rules: the result
      // then says that such an industry gets its approval first (the dialog notes Facts.namesIndustry).
      const read = facts.read(text, 'answer');
      return read.profile.siteTypes ?? (read.namesIndustry ? ['general'] : undefined);
    }
    default:
      return undefined;
  }
}

/**
 * What an opening message already says about the user's situation: "we are a German company with a
 * server in Shanghai" gives entity type and hosting. Only statements about the server count for
 * hosting ("German company" says nothing about where the server is).
 */
export function extractProfile(text: string, facts: FactReader): Profile {
  return facts.read(text).profile;
}
