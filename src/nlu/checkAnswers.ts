import type { TFunction } from 'i18next';
import { translateRef } from '../i18n.js';
import { plainWords } from './normalize.js';
import { matchProvince, matchRegion, parseProfile, type AnswerValue, type Profile, type Question } from '../rules/index.js';

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
 * above). Every message is tested against them; normalising the 50 words again for each message
 * cost about 20 µs of an FAQ turn.
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
const UNKNOWN_WORDS = ['i don t know', 'i dont know', 'dont know', 'don t know', 'not sure', 'unsure', 'no idea', 'unknown', 'maybe', '不知道', '不清楚', '不确定', '说不准', '不了解'];

const ENTITY_PATTERNS: { value: 'individual' | 'mainland-organisation' | 'foreign-enterprise'; pattern: RegExp }[] = [
  {
    value: 'foreign-enterprise',
    pattern:
      /\b(foreign|overseas|offshore|german|us|american|uk|british|french|japanese|korean|singapore(an)?|european|australian|canadian|indian|dutch|swiss|international)\s+(company|enterprise|firm|business|corporation|organi[sz]ation|entity|gmbh|startup)\b|\b(gmbh|inc\.?|llc|plc|ag|s\.a\.|b\.v\.)\b|registered (outside|abroad|overseas)|外国|外企|境外(公司|企业|机构)|海外(公司|企业)|国外(公司|企业)|(德国|美国|英国|日本|韩国|新加坡|法国|香港|台湾|澳门)(公司|企业)/iu,
  },
  { value: 'individual', pattern: /\b(individual|personal|myself|private person|just me|as a person|for me)\b|个人|自己|本人/iu },
  { value: 'mainland-organisation', pattern: /\b(company|enterprise|organi[sz]ation|business|firm|corporation|school|ngo|institution)\b|公司|企业|单位|机构|组织/iu },
];

const SITE_TYPE_PATTERNS: { value: 'general' | 'gaming' | 'bbs' | 'adult-products'; pattern: RegExp }[] = [
  { value: 'gaming', pattern: /\bgam(e|es|ing)\b|游戏|网游/iu },
  { value: 'bbs', pattern: /\b(bbs|forums?|message board|discussion board|community)\b|论坛|社区|留言板|贴吧/iu },
  { value: 'adult-products', pattern: /\badult|sex toys?\b|成人|情趣/iu },
  { value: 'general', pattern: /\b(general|normal|ordinary|blog|company site|corporate|information|info|shop|news|none of these|nothing special)\b|普通|一般|博客|企业官网|官网|资讯|展示|都不是|其他/iu },
];

const FOREIGN_PRESENCE_PATTERNS: { value: 'mainland-branch' | 'representative-office-certificate' | 'physical-office' | 'none'; pattern: RegExp }[] = [
  { value: 'representative-office-certificate', pattern: /certificate|registration cert|rep(resentative)? office cert|登记证|代表机构|代表处登记/iu },
  { value: 'mainland-branch', pattern: /\b(branch|subsidiary|wfoe|joint venture)\b|分公司|子公司|分支机构|外商独资/iu },
  { value: 'physical-office', pattern: /\b(physical office|office only|just an office|ban ?shi ?chu)\b|办事处/iu },
  { value: 'none', pattern: /\b(nothing|none|no presence|not yet|no office|no branch)\b|什么都没有|没有|无/iu },
];

const CHINESE_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ENGLISH_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, single: 1, a: 1 };


/** The check control a whole message expresses ("why?", "back", "重新开始"), if any. */
export function controlOf(text: string): CheckControl | undefined {
  const plain = plainWords(text);
  if (plain.length === 0) return undefined;
  return CONTROL_BY_PLAIN_WORDS.get(plain);
}

function yesNo(text: string): boolean | undefined {
  const plain = plainWords(text);
  if (UNKNOWN_WORDS.some((w) => plain === w)) return undefined;
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
 * Interprets a reply to one question of the check: a button label (in either language), or free
 * text ("HK", "香港", "guangdon", "yes", "没有", "two sites"). Undefined when the reply does not
 * answer the question, so the dialog can treat it as an interruption.
 */
export function interpretAnswer(question: Question, text: string, labels: readonly TFunction[]): AnswerValue | undefined {
  const plain = plainWords(text);
  if (plain.length === 0) return undefined;
  for (const option of question.options) {
    if (labels.some((t) => plainWords(translateRef(t, option.label)) === plain)) {
      return (question.multiple ? [option.value] : option.value) as AnswerValue;
    }
  }
  switch (question.kind) {
    case 'yes-no':
      return yesNo(text);
    case 'province':
      return matchProvince(text);
    case 'number':
      return numberIn(plain);
    case 'choice':
      return choiceIn(question, text);
  }
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

function choiceIn(question: Question, text: string): AnswerValue | undefined {
  switch (question.field) {
    case 'hosting':
      return matchRegion(text);
    case 'entityType':
      return ENTITY_PATTERNS.find((p) => p.pattern.test(text))?.value;
    case 'foreignPresence':
      return FOREIGN_PRESENCE_PATTERNS.find((p) => p.pattern.test(text))?.value;
    case 'remoteApplicationAccepted': {
      const plain = plainWords(text);
      if (UNKNOWN_WORDS.some((w) => plain.includes(w))) return 'unknown';
      const answer = yesNo(text);
      return answer === undefined ? undefined : answer ? 'yes' : 'no';
    }
    case 'siteTypes': {
      const found = SITE_TYPE_PATTERNS.filter((p) => p.pattern.test(text)).map((p) => p.value);
      const specific = found.filter((v) => v !== 'general');
      return found.length === 0 ? undefined : specific.length > 0 ? specific : ['general'];
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
export function extractProfile(text: string): Profile {
  const found: Record<string, unknown> = {};
  const server =
    /\b(?:server|servers|hosting|hosted|host|vps|ecs|cvm|instance|instances|website|site)\b[^.?!,;]{0,20}?\b(?:in|at|on)\s+([\p{L}][\p{L} ]{1,30})/iu.exec(text) ??
    /(?:服务器|主机|云服务器|空间|网站)(?:放|托管|部署|架设)?(?:在|于)([\p{Script=Han}A-Za-z]{2,8})/u.exec(text);
  if (server) {
    const region = matchRegion(server[1]);
    if (region) found.hosting = region;
  }
  const entity = ENTITY_PATTERNS.find((p) => p.pattern.test(text));
  if (entity) found.entityType = entity.value;
  const siteTypes = SITE_TYPE_PATTERNS.filter((p) => p.value !== 'general' && p.pattern.test(text)).map((p) => p.value);
  if (siteTypes.length > 0) found.siteTypes = siteTypes;
  return parseProfile(found, 'extractProfile');
}
