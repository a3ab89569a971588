/** Reads the facts of a user's situation from one message, in English or Chinese. */
import { parseProfile, type EntityType, type ForeignPresence, type ProvinceId, type SiteType } from '../../rules/index.js';
import type { Ask, CuedRole, Facts, HostingProviderId, Place, PlaceMention, PlaceRole, StatementField } from './facts.js';
import { Lexicon, type Entry, type Meaning } from './lexicon.js';
import { soundTokens } from './homophones.js';
import { isQuestionShaped } from '../questionShape.js';
import type { PhraseMatch } from './phraseTrie.js';
import { tokenize, type Token } from './text.js';
import type { Vocabulary } from './vocabulary.js';

/** How a message is read: an opening message, or the answer to one of the check's questions (where "normal" names a kind of site). */
export type ReadMode = 'message' | 'answer';

/** A phrase found in the message with the clause it belongs to and whether a negation governs it. */
interface Found {
  first: number;
  last: number;
  clause: number;
  negated: boolean;
  meanings: Entry[];
}

type Of<K extends Meaning['kind']> = Extract<Meaning, { kind: K }>;

/** A domain's suffix said alone (".io", "a .app domain"), not inside a name (example.io), or the word 后缀 (suffix). */
const DOMAIN_SUFFIX = /(?:^|[\s(（"'“‘,，]|\p{Script=Han})\.[a-z]{2,12}\b(?!\.)|域名后缀|后缀/iu;

/** A mention of China as a whole that says nothing of whose or what it is ("chinese users", 用户在国内). */
function isChinaInNoRole(place: PlaceMention): boolean {
  return place.role === 'unstated' && !place.negated && place.province === 'mainland';
}

/** Words that make a following "can I" ask for a thing ("what name can I give"); how far back they count. */
const WHAT_WORDS = new Set(['what', 'which', 'whats']);
const WHAT_WINDOW = 3;
/** Words that join the items of a list, and how many words a list may add before a what-word (grammar). */
const LIST_JOINERS = new Set(['and', 'or', '&']);
const LIST_WORDS = 6;
/** Words before "do we need" that make it ask for a thing (what documents, how long, where) rather than whether. */
/** Kinds of phrase that describe the user's case rather than what they ask. */
const CASE_KINDS: ReadonlySet<Meaning['kind']> = new Set(['place', 'region', 'provider', 'registrar', 'entity', 'companyNoun', 'demonym']);
/** Of those, the names of hosts: providers, their regions, registrars. */
const HOST_KINDS: ReadonlySet<Meaning['kind']> = new Set(['region', 'provider', 'registrar']);
const FOR_A_THING_WORDS = new Set([...WHAT_WORDS, 'how', 'where', 'when']);
/**
 * Words before "can I" that ask for a thing or a time ("what can I name it", "when can I submit the next one", 啥时候能再提交,
 * read by its characters: 候 ends 时候), or make it part of another question ("what do I need before I can start"), not
 * whether one can.
 */
const CAN_FOR_A_THING_WORDS = new Set([...WHAT_WORDS, 'how', 'when', 'before', 'until', 'once', '候', 'where', '哪']);
/**
 * Verbs after "where" that ask where a thing goes or is found, not where to file, and the parts of a page it may go on ("where on
 * the page does the ICP number go?"); and verbs of doing something to a filing one has, which ask where that is done ("where do I
 * cancel it", 在哪里操作注销, "a page where I can follow its progress"): grammar, not product vocabulary.
 */
const THING_VERBS = new Set([
  ...['put', 'show', 'display', 'place', 'find', 'see', 'check', 'look', 'buy', 'get', 'download', 'upload', 'add', 'paste', 'start', 'begin', 'page', 'homepage', 'footer'],
  ...['follow', 'track', 'view', 'cancel', 'change', 'modify', 'edit', 'update', 'delete', 'remove'],
  ...['查', '查询', '看', '买', '下载', '上传', '开始', '入手', '页面', '网页', '首页', '页脚', '底部'],
  ...['查看', '跟踪', '操作', '注销', '取消', '修改', '变更', '更改', '删除', '撤销', '撤掉', '撤回'],
]);
const THING_VERB_WINDOW = 7;
/** The Chinese ones of {@link THING_VERBS}: Chinese comes a character a token, so they are found in a run of characters. */
const HAN_THING_VERBS = [...THING_VERBS].filter((verb) => /\p{Script=Han}/u.test(verb));
/** A person's places: where the identity card was issued and where one lives. */
const PERSON_ROLES: ReadonlySet<PlaceRole> = new Set(['idProvince', 'residenceProvince']);
/** What joins two role words said of one place ("身份证和居住地", "ID card and residence"), and the words that may come with it. */
const ROLE_JOINS = new Set(['和', '及', '与', '跟', '以及', 'and', '&']);
const ROLE_JOIN_FILLERS = new Set(['my', 'our', 'the', '地', '所在地', '现', '现在', 'card', 'place', 'of', 'address', '所在']);
/** Verbs of filing that, met first after "where", make it where to file ("where should we file if we want to show …"). */
const FILING_VERBS = new Set(['file', 'filed', 'apply', 'applied', 'register', 'registered', 'submit', 'submitted', '备案', '申请', '提交']);
/** 把 or 将 and the filing named after it, as the object of the verb that follows (把备案撤掉, 将备案注销). */
const OBJECT_FIRST = /[把将](?:ICP|icp)?备案/gu;
/** The Chinese ones of {@link FILING_VERBS}, found in a run of characters. */
const HAN_FILING_VERBS = [...FILING_VERBS].filter((verb) => /\p{Script=Han}/u.test(verb));
/**
 * Chinese verbs after a need-cue that asks no more than that (要不要, 需不需要, 用不用) which make it ask about a step or a change,
 * not whether a filing is needed (信息要不要跟着改, 需不需要到现场, 要不要交钱; 去 and 跑 are not among them: 要不要去备案); a filing verb met first keeps it (要不要重新备案):
 * grammar, not product vocabulary.
 */
const HAN_STEP_VERBS = ['改', '换', '注销', '取消', '删除', '撤', '到场', '现场', '交', '付', '花', '等', '填', '写', '上传', '提供', '准备', '拍', '签', '寄', '打印', '翻译', '公证', '核验', '续'];
/** Chinese filing verbs, against which {@link HAN_STEP_VERBS} are weighed: 备 also covers 备案 and 备个案. */
const HAN_NEED_FILING_VERBS = ['备', '申请', '提交', '办', '做', 'icp', 'ICP'];
/**
 * Verbs after "do I need to" or "do I have to" that ask about a step of the filing, not whether one is needed ("do I have to go
 * somewhere for it?", "do I need to be able to read Chinese?"): grammar, not product vocabulary.
 */
const STEP_VERBS = new Set(['go', 'travel', 'fly', 'come', 'visit', 'pay', 'wait', 'read', 'speak', 'write', 'upload', 'take', 'bring', 'sign', 'print', 'mail', 'post', 'send', 'prepare', 'buy', 'show', 'appear', 'learn', 'understand', 'translate', 'able']);
/** What joins two places offered as alternatives (grammar, not product vocabulary). */
const ALTERNATIVE_JOINS = new Set(['or', 'or in', 'or to', '还是', '还是在', '或者', '或者在', '或', '或是']);

/** Words that may follow a clause's last word and leave it last: particles and pronouns ("备案可以吗", "file, can we?"). */
const CLAUSE_TAIL = new Set(['吗', '呢', '么', '吧', '啊', '呀', '嘛', '不', 'i', 'we', 'you', 'it', 'this', 'that', 'me', 'us']);

/** How far back (in tokens) "our" reaches to the thing it owns: "our Beijing office", 我们北京的办公室. */
const OURS_WINDOW = 6;
/** How far after a need-cue ("do I need") a can-cue ("get a beian") may begin and still be what is needed ("do I need to get a beian"). */
const NEED_OPENS = 2;

/** What may stand before 能/可以 in a clause that the can-frame opens: nothing, or who asks. */
const CAN_FRAME_OPENERS = new Set(['', '我', '我们', '咱', '咱们', '本人', '请问', '那', '那我', '那我们', '那么', '还', '我还', '我们还']);
/** What closes a can-frame: the filing or the application, not a thing done to an order (提交). */
const CAN_FRAME_TOPICS = new Set(['备案', '申请', '备上', 'icp', 'icp备案']);

/** Words just before 备案了 that make it a filing to come (要备案了, 可以备案了, 提交备案了: submitted, not approved) or one not needed (不用备案了), not one done. */
const FILING_TO_COME = new Set(['要', '想', '需', '得', '该', '能', '会', '准', '备', '打', '算', '去', '来', '始', '用', '不', '必', '没', '别', '以', '免', '再', '先', '快', '交']);
/** Words after 备案了 that make it a question (备案了吗, 备案了没有). */
const FILED_QUESTION = new Set(['吗', '么', '没', '嘛', '不']);

/**
 * Where a filing is said to be done in words apart from the fixed phrases: 备案了 closing its clause, not asked (备案了吗)
 * and not one to come (要备案了): 网站在阿里云备案了，现在要搬到腾讯云, 第一个网站已经在阿里云备案了. The index of its 备.
 */
function filedAt(tokens: readonly Token[]): number | undefined {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.norm !== '备' || tokens[i + 1]!.norm !== '案' || tokens[i + 2]!.norm !== '了') continue;
    const clause = tokens[i]!.clause;
    const next = tokens[i + 3];
    if (next !== undefined && next.clause === clause && (FILED_QUESTION.has(next.norm) || !endsClause(tokens, i + 2))) continue;
    const before = tokens[i - 1];
    if (before !== undefined && before.clause === clause && FILING_TO_COME.has(before.norm)) continue;
    return i;
  }
  return undefined;
}

/**
 * Words after which a "where" inside a statement still asks ("not sure where …", "tell me where …", "and where …"); after any other
 * word it says where something happens ("a marketplace where other merchants sell"). Grammar, not product vocabulary.
 */
const WHERE_ASKS_AFTER = new Set(['know', 'sure', 'tell', 'wonder', 'wondering', 'idea', 'ask', 'asking', 'unclear', 'clue', 'out', 'decide', 'deciding', 'and', 'so', 'but', 'or', 'then', 'also', 'now', 'ok', 'okay']);

/**
 * Whether an English "where" is relative: not opening or ending its clause, after a word it does not ask after, in a sentence not
 * ended by a question mark.
 */
function relativeWhere(text: string, tokens: readonly Token[], item: { first: number; last: number }): boolean {
  if (item.first !== item.last || tokens[item.first]!.norm !== 'where' || item.first === 0) return false;
  const before = tokens[item.first - 1]!;
  if (before.clause !== tokens[item.first]!.clause || WHERE_ASKS_AFTER.has(before.norm)) return false;
  // A relative "where" opens words of its own ("where other merchants sell"); one that ends its clause asks ("file where").
  if (endsClause(tokens, item.last)) return false;
  // Its sentence is a statement: ended otherwise than by a question mark, or the last, unended, of a message not put as a question.
  return SENTENCE_END.test(text.slice(tokens[item.last]!.end)) ? inStatement(text, tokens[item.last]!.end) : !isQuestionShaped(text);
}

/** Chinese verbs that put a thing somewhere (备案号要放在页面哪里, 挂在哪): a "where" after one asks where the thing goes. */
const PLACING_VERBS = ['放在', '挂在', '显示在', '贴在', '加在', '放到', '展示在', '写在', '标在'];
const PLACING_WINDOW = 6;

/** Whether a Chinese verb that puts a thing somewhere stands shortly before a token, in its clause. */
function afterPlacingVerb(tokens: readonly Token[], item: { first: number }): boolean {
  const clause = tokens[item.first]!.clause;
  let before = '';
  for (let i = item.first - 1; i >= Math.max(0, item.first - PLACING_WINDOW) && tokens[i]!.clause === clause; i--) before = tokens[i]!.norm + before;
  return PLACING_VERBS.some((verb) => before.includes(verb));
}

/** Whether only particles follow a token in its clause. */
function endsClause(tokens: readonly Token[], index: number): boolean {
  const clause = tokens[index]!.clause;
  for (let i = index + 1; i < tokens.length && tokens[i]!.clause === clause; i++) if (!CLAUSE_TAIL.has(tokens[i]!.norm)) return false;
  return true;
}

/** A place's role and whether its role word stands before it ("hosted in X") or after it ("X hosted"). */
interface Cued {
  role: PlaceRole;
  before: boolean;
  /** The place's first token. */
  first: number;
}

/** Words just before a place that make it where something moves to, or from ("from Aliyun Hong Kong to Aliyun Shenzhen", 从香港迁到深圳). */
const MOVED_TO = new Set(['to', 'into', 'onto', '到']);
const MOVED_FROM = new Set(['from', '从']);
/** Words that make a kind of site an organisation's ("company website", 企业官网). */
const ORGANISATION_SITE = /\b(?:company|corporate|business|enterprise)\b|企 业|公 司/u;
/** What may stand between a place and the negation after it (我们在国内还没有公司). */
const BEFORE_NEGATION = new Set(['', '还', '也', '都', '并', '暂时', '目前', '暂', '尚', '现在', '暂时还', '目前还', '现在还']);
/** Words that join a negated thing to the next one ("no branch or office", 没有分公司或办事处). */
const NEGATED_LIST_JOINS = new Set(['or', 'nor', 'and', 'or an', 'or a', 'and no', 'or any', '或', '或者', '和', '也没有', '也没']);
/** Before a number of sites, these make it sites added to others ("再加一个网站", 另一个域名), not how many there are. */
const ONE_MORE = new Set(['另', '再', '又', '加']);
/** The age from which a person files for themselves everywhere (Hunan's rules: administrators under 18 cannot file). */
const ADULT_AGE = 18;
/** A number said of a person, then no noun that makes it a count ("I'm 3 days in", "I am 16 sites deep") or a decimal. */
const AGE_AFTER = String.raw`(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:%|[.:,]\d|(?:sites?|websites?|domains?|servers?|days?|weeks?|months?|hours?|minutes?|people|employees|staff|of)\b))`;
/**
 * A person's age as said ("I'm 16", "I am 17 years old", "a 15-year-old", 我今年16岁, 十七岁): a number before 岁 or
 * "years old", or after "I'm"/"I am" and followed by no noun that makes it a count ("I'm 3 days in"). Companies are not
 * aged in 岁, and "N years old" of a company ("our company is 5 years old") is left out by its noun.
 */
const AGE_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:son|daughter|kid|child|nephew|niece|brother|sister|cousin)\s+(?:is|who is|who's|,)\s*` + AGE_AFTER, 'iu'),
  /(?<![\d.])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:周岁|岁)/u,
  /\b(\d{1,2})[\s-]*(?:years?|yrs?)[\s-]*old\b/iu,
  new RegExp(String.raw`\bi(?:'|’)?m\s+` + AGE_AFTER, 'iu'),
  new RegExp(String.raw`\bi am\s+` + AGE_AFTER, 'iu'),
];
const COMPANY_AGED = /\b(?:company|business|firm|site|website|domain|account|server|filing|shop|store)\s+(?:is|was)\s+\d{1,2}[\s-]*(?:years?|yrs?)/iu;
const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Every age pattern, and COMPANY_AGED, needs a digit or 岁: without one, no pattern need run. */
const AGE_NEEDS = /[0-9岁]/;

function statedAge(text: string): number | undefined {
  if (!AGE_NEEDS.test(text) || COMPANY_AGED.test(text)) return undefined;
  for (const pattern of AGE_PATTERNS) {
    const said = pattern.exec(text)?.[1];
    if (said === undefined) continue;
    const age = /^\d+$/.test(said) ? Number(said) : chineseNumber(said);
    if (age !== undefined && age >= 1 && age <= 99) return age;
  }
  return undefined;
}

/** 十六 = 16, 二十 = 20, 七 = 7. */
function chineseNumber(said: string): number | undefined {
  const ten = said.indexOf('十');
  if (ten < 0) return said.length === 1 ? CHINESE_DIGITS[said] : undefined;
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[said.slice(0, ten)];
  const ones = ten === said.length - 1 ? 0 : CHINESE_DIGITS[said.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

/** Before a site or domain, these make it one added to a filing that exists ("a second domain", 又买了个新域名). */
const ADDED = new Set([...ONE_MORE, '新', 'another', 'second', 'new', 'extra', 'additional', 'other', 'more']);
/** How far before a site word such a word may stand ("再加个域名", "another shop website", 新买了一个域名). */
const ADDED_WINDOW = 3;
/** Words for moving a server, before "to" the host it goes to ("moving the server to Tencent Cloud", 搬到腾讯云). */
const MOVING = new Set(['moving', 'move', 'moved', 'migrate', 'migrating', 'migrated', 'switching', 'switch', 'switched', '迁', '搬', '换', '转']);
/** How many tokens before a place such a word may stand (a provider's name between). */
const MOVE_WINDOW = 4;
/** Words for a company or a person moving house, beside {@link MOVING} ("we relocated from Shanghai to Hangzhou", 公司从苏州迁到上海). */
const RELOCATING = new Set([...MOVING, 'relocate', 'relocated', 'relocating', 'relocation', 'moves', 'migrates']);
/** Roles a place left behind can have: where a company or its office was registered, or a person lived (not a server, an ID card, a CDN). */
const MOVABLE_ROLES: ReadonlySet<PlaceRole> = new Set(['licenceProvince', 'residenceProvince', 'certificateProvince', 'unstated']);
/** Words that put a provider in the past ("the site was originally filed with Aliyun", 原来在阿里云备案): the one left behind. */
const PREVIOUSLY = new Set(['previously', 'formerly', 'originally', 'before', '原', '之', '以', '先']);

/**
 * A company or a person that moved from one mainland province to another ("our company moved from Shanghai to
 * Hangzhou", 公司从苏州迁到上海了): the place moved to is where they are now, and the province left is returned, for
 * a filing made there cannot follow them. Only with a word for moving, a place after "from" and one after "to", of the
 * same kind (two licence places, two places lived in), in different provinces.
 */
function settleMoves(tokens: readonly Token[], mentions: PlaceMention[], cues: readonly Cued[]): ProvinceId | undefined {
  const inMainland = (m: PlaceMention): boolean => !m.negated && m.province !== 'outside-mainland' && m.province !== 'mainland' && MOVABLE_ROLES.has(m.role);
  // Left from: a place after "from", or where the filing was made ("my filing in Hunan", 在山东备的案), a person's or a company's.
  const filedThere = (m: PlaceMention, i: number): boolean =>
    !m.negated && m.province !== 'outside-mainland' && m.province !== 'mainland' && (m.role === 'desiredProvince' || m.role === 'unstated') && filedIn(tokens, cues[i]!.first);
  const from = mentions.findIndex((m, i) => (inMainland(m) && movedBy(tokens, cues[i]!.first, MOVED_FROM)) || filedThere(m, i));
  if (from < 0) return undefined;
  const to = mentions.findIndex((m, i) => i > from && inMainland(m) && movedBy(tokens, cues[i]!.first, MOVED_TO));
  if (to < 0) return undefined;
  const [left, reached] = [mentions[from]!, mentions[to]!];
  // Where a filing was made says nothing of whose place it was: any place moved to goes with it.
  const leftRole = filedThere(left, from) ? 'unstated' : left.role;
  if (left.province === reached.province || (leftRole !== reached.role && leftRole !== 'unstated' && reached.role !== 'unstated')) return undefined;
  // A word for moving anywhere from the start of the clause the move leaves from ("relocating our representative office from …").
  let start = cues[from]!.first;
  while (start > 0 && tokens[start - 1]!.clause === tokens[cues[from]!.first]!.clause) start--;
  let moving = false;
  for (let i = start; i < cues[to]!.first && !moving; i++) moving = RELOCATING.has(tokens[i]!.norm);
  if (!moving) return undefined;
  const role = reached.role === 'unstated' ? leftRole : reached.role;
  mentions[to] = { ...reached, role };
  mentions[from] = { ...left, role: 'unstated' };
  return left.province as ProvinceId;
}

/**
 * Server places on both sides of the border cancel out, unless the message tells which one is meant:
 * the place a move goes to wins over the one it leaves; the places named after their role word
 * ("hosted on Tencent Cloud Singapore") win over those named before it ("a shop in Shenzhen hosted on …").
 */
function settleServerSides(tokens: readonly Token[], mentions: PlaceMention[], cues: readonly Cued[]): void {
  const servers = mentions
    .map((mention, i) => ({ mention, cue: cues[i]! }))
    .filter(({ mention: m }) => m.role === 'server' && !m.negated && m.province !== 'mainland');
  const sideOf = (m: PlaceMention): boolean => m.province === 'outside-mainland';
  const agree = (list: typeof servers): boolean => list.length > 0 && new Set(list.map(({ mention }) => sideOf(mention))).size === 1;
  if (new Set(servers.map(({ mention }) => sideOf(mention))).size < 2) return;
  const destinations = servers.filter(({ cue }) => movedBy(tokens, cue.first, MOVED_TO));
  const winners = agree(destinations) && servers.some(({ cue }) => movedBy(tokens, cue.first, MOVED_FROM)) ? destinations : servers.filter(({ cue }) => cue.before);
  if (!agree(winners)) return;
  for (const server of servers) if (!winners.includes(server)) server.mention.role = 'unstated';
}

/**
 * The exact matches, and the terms typed with a homophone (服务气 for 服务器) where they are longer than every exact
 * match they overlap: a term written right is found by both, and the exact match stands.
 */
function withHomophones<M>(exact: PhraseMatch<M>[], sounding: readonly PhraseMatch<M>[]): PhraseMatch<M>[] {
  let matches = exact;
  for (const heard of sounding) {
    const overlapping = matches.filter((m) => m.first <= heard.last && heard.first <= m.last);
    const longer = overlapping.every((m) => m.first >= heard.first && m.last <= heard.last && m.last - m.first < heard.last - heard.first);
    if (longer) matches = [...matches.filter((m) => !overlapping.includes(m)), heard];
  }
  return matches.sort((a, b) => a.first - b.first);
}

/** The word ending "can … in" cues of where (能在, 可以在), and the one typed or heard for it (再). */
const IN_WORDS = new Set(['在', '再']);
/** The filing's names in English, after which a country's name or adjective says whose filing it is ("a Chinese ICP filing"). */
const FILING_NAMES = new Set(['icp', 'filing', 'beian']);
/** Words for a filing made, before its place ("my filing in Hunan", "filed in Hunan") or after it (在山东备的案, 在山东备过案). */
const FILED_BEFORE = new Set(['filing', 'filed', 'beian', 'icp']);
const FILED_AFTER = ['备的案', '备过案', '备案了', '备的', '备过'];
/** Words that make a filing one wished for, not one made ("we want our filing in Hunan"). */
const WISHED = new Set(['want', 'wants', 'wanted', 'like', 'hope', 'plan', 'planning', 'need', 'needs', 'should', 'would', 'will', 'new']);

/** Whether a place is where a filing was made: a filing word shortly before it ("my filing in"), or 备的案 just after it. */
function filedIn(tokens: readonly Token[], first: number): boolean {
  const clause = tokens[first]!.clause;
  const before: string[] = [];
  for (let i = first - 1; i >= Math.max(0, first - 5) && tokens[i]!.clause === clause; i--) before.push(tokens[i]!.norm);
  // "we want our filing in Hunan" is a filing to come.
  if (before.slice(0, 3).some((w) => FILED_BEFORE.has(w)) && !before.some((w) => WISHED.has(w))) return true;
  const after = charactersAfter(tokens, first);
  return FILED_AFTER.some((w) => after.includes(w));
}

/** The Chinese characters right after a token, up to four, in its clause, joined ("在山东备的案" after 山东: 备的案). */
function charactersAfter(tokens: readonly Token[], at: number): string {
  let after = '';
  for (let i = at + 1; i < Math.min(tokens.length, at + 5) && tokens[i]!.clause === tokens[at]!.clause && tokens[i]!.han; i++) after += tokens[i]!.norm;
  return after;
}

/** Whether one of `words` stands shortly before a token, in its clause. */
function movedBy(tokens: readonly Token[], first: number, words: ReadonlySet<string>): boolean {
  return someBefore(tokens, first, MOVE_WINDOW, (i) => words.has(tokens[i]!.norm));
}

/** Whether a token at most `window` tokens before `first`, in its clause, passes `test` (given the token's index). */
function someBefore(tokens: readonly Token[], first: number, window: number, test: (i: number) => boolean): boolean {
  for (let i = first - 1; i >= Math.max(0, first - window); i--) {
    if (tokens[i]!.clause !== tokens[first]!.clause) return false;
    if (test(i)) return true;
  }
  return false;
}

/** A place found in the message, before its role is known. */
interface PlaceFound {
  found: Found;
  place: Place;
  /** The provider whose region id named it, if one did. */
  region?: { id: string; provider?: HostingProviderId };
  demonym: boolean;
}

/** How far a space between Chinese words sets them apart, in words (see FactReader.distance). */
const SPACE_IN_CHINESE = 2;

/** Whether a space typed for a comma in Chinese stands between token `from` and token `to` (see {@link spaceInChinese}). */
function spacedApart(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (spaceInChinese(tokens, i)) return true;
  return false;
}

/**
 * Whether a gap (white space, or a separator that ends no clause) stands between token `i` and the next, both Chinese, or a word
 * written right onto Chinese and then Chinese (服务器在HK 域名…). Not a space beside a word of another script set apart by spaces
 * (用 aliyun 的服务器, "有限公司) in Xi'an").
 */
function spaceInChinese(tokens: readonly Token[], i: number): boolean {
  const left = tokens[i]!;
  const right = tokens[i + 1]!;
  if (!right.han || right.start <= left.end) return false;
  if (left.han) return true;
  const before = tokens[i - 1];
  return before !== undefined && before.han && before.end === left.start;
}

/** Role words, by how strongly they bind when two are equally near. */
const ROLE_PRIORITY: readonly PlaceRole[] = ['companyOrigin', 'licenceProvince', 'server', 'certificateProvince', 'desiredProvince', 'idProvince', 'residenceProvince', 'documents', 'cdn', 'domain'];

const PRESENCE_SPECIFICITY: readonly ForeignPresence[] = ['mainland-branch', 'representative-office-certificate', 'physical-office', 'none'];

/**
 * Built once at start-up from the vocabulary and the place data; `read` then costs a pass over
 * the message's tokens with map look-ups, whatever the size of the vocabulary.
 */
/** How much farther a role word after a place counts when a conjunction stands between them. */
const CONJUNCTION_PENALTY = 4;

/** A general site word this close to a special kind qualifies it ("shop for sex toys") rather than naming a site of its own. */
const SITE_KIND_QUALIFIER_REACH = 2;

export class FactReader {
  private readonly lexicon: Lexicon;

  constructor(vocabulary: Vocabulary) {
    if (!vocabulary) throw new Error('FactReader(): vocabulary is required');
    this.lexicon = new Lexicon(vocabulary);
  }

  /** How many phrases (place names and vocabulary terms) the reader knows. */
  get phraseCount(): number {
    return this.lexicon.trie.size;
  }

  /** The place a name stands for ("Guangzhou", "广州", "Frankfurt"), if the place data knows it. */
  lookupPlace(name: string): Place | undefined {
    return this.lexicon.places.lookup(name);
  }

  /**
   * The text with the words that describe the case blanked out (places, regions, providers, registrars, who files):
   * what is left is the question, for the FAQ recognizer when the case's words drown it. `only: 'hosts'` blanks the names
   * of hosts alone (providers, their regions, registrars); `'guide'` the case and the words that ask to be guided ("what do
   * we need?", 需要做什么) too.
   */
  withoutCase(text: string, only?: Blanked): string {
    const tokens = this.spellPlaces(tokenize(text));
    const found = this.find(text, tokens, 'message');
    return blankedCase(text, tokens, found, only, this.guidesOf(text, tokens, found, only));
  }

  /** The guide's words in a text, a site wished for among them, when they are to be blanked too. */
  private guidesOf(text: string, tokens: Token[], found: readonly Found[], only: Blanked | undefined): readonly { first: number; last: number }[] {
    return only === 'guide' ? [...this.lexicon.guideWords.scan(tokens, () => true), ...siteWishes(text, tokens, found)] : [];
  }

  /** Every fact the text states, the places it names with their roles, and what it asks. */
  read(text: string, mode: ReadMode = 'message'): Facts {
    const tokens = this.spellPlaces(tokenize(text));
    return this.factsOf(text, tokens, this.find(text, tokens, mode), mode);
  }

  /**
   * A message read once for both {@link read} and {@link withoutCase}: its facts, and the message without the words of its
   * case from the same tokens and phrases, which reading them again would only repeat.
   */
  readMessage(text: string): MessageReading {
    const tokens = this.spellPlaces(tokenize(text));
    const found = this.find(text, tokens, 'message');
    return { facts: this.factsOf(text, tokens, found), withoutCase: (only) => blankedCase(text, tokens, found, only, this.guidesOf(text, tokens, found, only)) };
  }

  private factsOf(text: string, tokens: Token[], found: Found[], mode: ReadMode = 'message'): Facts {
    const places = this.placesIn(found);
    const cues = places.map((p) => this.roleOf(tokens, found, p));
    const mentions = places.map((p, i) => this.mention(text, tokens, p, cues[i]!.role));
    settleServerSides(tokens, mentions, cues);
    const movedFrom = settleMoves(tokens, mentions, cues);
    // "Is the filing done in Qinghai or Sichuan?", 备案是在北京还是广东: two provinces offered as alternatives ask which one,
    // and neither is where the user wants to file.
    const alternatives = this.alternativeProvinces(tokens, places, mentions);
    for (const i of alternatives) mentions[i] = { ...mentions[i]!, role: 'unstated' };
    this.sharedPersonRoles(tokens, found, places, mentions);
    const facts = this.assemble(text, tokens, found, places, mentions, /\p{Script=Han}/u.test(text) ? 'zh' : 'en', movedFrom, mode);
    // 备案找海南还是广东管局: going to one administration or the other asks where, not through whom.
    if (alternatives.length > 0 && (facts.asks === undefined || facts.asks === 'can-apply' || facts.asks === 'through')) {
      // "…in Jiangsu or Shanghai, and does Aliyun do it?": through whom stays asked, second.
      if (facts.asks === 'through') facts.asksAlso = 'through';
      facts.asks = 'where';
      facts.asksWhich = true;
    }
    return facts;
  }

  /** The places, by index, of two mainland provinces joined only by "or" (还是, 或者) and said with no role but where to file. */
  private alternativeProvinces(tokens: readonly Token[], places: readonly PlaceFound[], mentions: readonly PlaceMention[]): number[] {
    const open = (i: number) => {
      const m = mentions[i]!;
      return (m.role === 'desiredProvince' || m.role === 'unstated') && !m.negated && m.province !== 'mainland' && m.province !== 'outside-mainland';
    };
    const out = new Set<number>();
    for (let i = 0; i + 1 < places.length; i++) {
      const a = places[i]!.found;
      const b = places[i + 1]!.found;
      if (a.clause !== b.clause || !open(i) || !open(i + 1)) continue;
      const between = tokens.slice(a.last + 1, b.first).map((t) => t.norm).join(tokens[a.last]!.han ? '' : ' ');
      if (ALTERNATIVE_JOINS.has(between)) {
        out.add(i);
        out.add(i + 1);
      }
    }
    return [...out];
  }

  /** The tokens with place names and the server's and owner's words misspelt by a letter written as meant ("shanghia" -> "shanghai", "sever" -> "server", "compnay" -> "company"). */
  private spellPlaces(tokens: Token[]): Token[] {
    const { trie, placeSpelling, serverWordSpelling, ownerWordSpelling } = this.lexicon;
    const known = (word: string): boolean => trie.starts(word) || this.lexicon.phraseWords.has(word);
    return tokens.map((token) => {
      if (token.han) return token;
      const norm = placeSpelling.correct(token.norm, known) ?? serverWordSpelling.correct(token.norm, known) ?? ownerWordSpelling.correct(token.norm, known);
      return norm === undefined ? token : { ...token, norm };
    });
  }

  private find(text: string, tokens: Token[], mode: ReadMode): Found[] {
    const { trie, homophones, prepositions } = this.lexicon;
    const accept = (meaning: Entry, first: number, last: number): boolean => {
      if (meaning.exactCase !== undefined && text.slice(tokens[first]!.start, tokens[last]!.end).toUpperCase() !== text.slice(tokens[first]!.start, tokens[last]!.end)) return false;
      if (meaning.kind === 'siteKind' && meaning.answerOnly && mode !== 'answer') return false;
      if (meaning.kind === 'place' && meaning.commonWord) {
        const token = tokens[first]!;
        if (first === last && token.allCaps && token.norm.length <= 3) return true;
        const before = tokens[first - 1];
        // Chinese has no capitals: a county named like a word (比如, 合作) counts after 在, 于, 到 or 自 only.
        return (token.capitalised || token.han) && before !== undefined && before.clause === token.clause && prepositions.has(before.norm);
      }
      return true;
    };
    const exact = trie.scan(tokens, accept);
    const matches = tokens.some((t) => t.han) ? withHomophones(exact, homophones.scan(soundTokens(tokens), accept)) : exact;
    // Clause-breaking words ("but", 但是) end a clause as punctuation does.
    const found: Found[] = [];
    let breaks = 0;
    let punctuationClause = -1;
    for (const match of matches) {
      const clause = tokens[match.first]!.clause;
      if (clause !== punctuationClause) {
        punctuationClause = clause;
        breaks = 0;
      }
      if (match.meanings.some((m) => m.kind === 'break')) {
        breaks++;
        continue;
      }
      found.push({ first: match.first, last: match.last, clause: clause * 1000 + breaks, negated: false, meanings: match.meanings });
    }
    this.joinQualifyingPlaces(text, tokens, found);
    for (const [i, item] of found.entries()) {
      if (item.meanings.some((m) => m.kind === 'negation')) continue;
      const negation = this.negationBefore(tokens, found.slice(0, i), item, (f) => f.clause === item.clause);
      // A negation inside brackets stays there: "just an office (no certificate) in Wuhan" is in Wuhan.
      if (negation) item.negated = !/[)）]/u.test(text.slice(tokens[negation.last]!.end, tokens[item.first]!.start));
      // A negation covers the list it opens: "without a China branch or office", "no branch or office" (a phrase for no
      // presence), 没有分公司或办事处 have no office either.
      const previous = found[i - 1];
      const saysNone = previous !== undefined && (previous.negated || previous.meanings.some((m) => m.kind === 'presence' && m.value === 'none'));
      if (!item.negated && saysNone && previous.clause === item.clause) {
        const between = tokens.slice(previous.last + 1, item.first).map((t) => t.norm).join(tokens[item.first]!.han ? '' : ' ');
        if (NEGATED_LIST_JOINS.has(between)) item.negated = true;
      }
    }
    this.negateOwnersPlaces(text, tokens, found);
    return found;
  }

  /**
   * The place of a company, a presence or a role word (a server) said not to exist is negated with it, however far the
   * negation stands: "we don't have any company in China", "we do not own a company in mainland China", 我们在中国没有公司 say
   * that nothing is registered there, as "no company in China" does; "we don't have a server in China" that it is not there.
   */
  private negateOwnersPlaces(text: string, tokens: readonly Token[], found: Found[]): void {
    const owner = (f: Found | undefined): boolean =>
      f !== undefined && f.negated && f.meanings.some((m) => m.kind === 'companyNoun' || m.kind === 'presence' || m.kind === 'role' || (m.kind === 'entity' && m.entity !== 'individual'));
    const isPlace = (f: Found): boolean => f.meanings.some((m) => m.kind === 'place');
    const words = (from: number, to: number): string[] => tokens.slice(from, to).map((t) => t.norm);
    // A negation in brackets stays there ("an office (no certificate) in Wuhan", "(no certificate) and servers in Hong Kong").
    const bracketed = (i: number): boolean => {
      const negation = found.slice(0, i).findLast((f) => f.meanings.some((m) => m.kind === 'negation'));
      return negation !== undefined && /[)）]/u.test(text.slice(tokens[negation.last]!.end, tokens[found[i]!.first]!.start));
    };
    for (const [i, item] of found.entries()) {
      if (item.negated || !isPlace(item) || bracketed(i)) continue;
      const before = found[i - 1];
      // "… company in China": the owner right before the place, joined by a place preposition only.
      if (before?.clause === item.clause && owner(before)) {
        // The preposition may be the phrase's own last word ("company in").
        const between = words(before.last + 1, item.first);
        const joined = between.length === 0 ? words(before.last, before.last + 1) : between;
        if (joined.length === 1 && this.lexicon.prepositions.has(joined[0]!)) item.negated = true;
      }
      // 在中国没有公司: the place right before the negation of an owner (我们在国内还没有分公司).
      const negation = found[i + 1];
      const negated = found[i + 2];
      if (!item.negated && negation?.clause === item.clause && negation.meanings.some((m) => m.kind === 'negation') && negated?.clause === item.clause && owner(negated)) {
        if (tokens[item.first]!.han && BEFORE_NEGATION.has(words(item.last + 1, negation.first).join(''))) item.negated = true;
      }
    }
  }

  /**
   * A place after a comma that only qualifies the name before it ("a box in Falkenstein, Germany", "Wuhan, Hubei")
   * belongs to that name's clause: the comma does not end what is said there.
   */
  private joinQualifyingPlaces(text: string, tokens: readonly Token[], found: Found[]): void {
    for (const item of found) {
      if (!item.meanings.some((m) => m.kind === 'place')) continue;
      const before = tokens[item.first - 1];
      const first = tokens[item.first]!;
      const after = tokens[item.last + 1];
      if (!before || before.han || !before.capitalised || before.clause !== first.clause - 1) continue;
      if (after && after.clause === first.clause) continue;
      if (text.slice(before.end, first.start).trim() !== ',') continue;
      const previous = found.filter((f) => f.last < item.first && tokens[f.first]!.clause === before.clause).at(-1);
      item.clause = previous?.clause ?? before.clause * 1000;
    }
  }

  /**
   * The negation ("no", "without", 没有 …) a phrase stands under: walking back over the phrases found before it, the first
   * negation while they stay in its clause and within the negation window. A space typed for a comma in Chinese ends its reach
   * as a comma would: 没域名 直接用ip访问 has no domain and is reached by IP.
   */
  private negationBefore(tokens: Token[], before: readonly Found[], item: Pick<Found, 'first' | 'last'>, sameClause: (f: Found) => boolean): Found | undefined {
    for (let k = before.length - 1; k >= 0; k--) {
      const f = before[k]!;
      if (!sameClause(f) || this.distance(tokens, f, item) > this.lexicon.negationWindow) return undefined;
      if (f.meanings.some((m) => m.kind === 'negation')) return spacedApart(tokens, f.last, item.first) ? undefined : f;
    }
    return undefined;
  }

  /** Words between two phrases (a Chinese character counts half a word), plus one. */
  private distance(tokens: Token[], a: Pick<Found, 'first' | 'last'>, b: Pick<Found, 'first' | 'last'>): number {
    const [left, right] = a.last < b.first ? [a, b] : [b, a];
    let between = 0;
    for (let i = left.last + 1; i < right.first; i++) between += tokens[i]!.han ? 0.5 : 1;
    // A space in Chinese often stands for a comma (服务器在HK 域名是阿里云买的): a word across one is farther, though in the same clause
    // (服务器 在香港 still says where the server is).
    for (let i = left.last; i < right.first; i++) if (spaceInChinese(tokens, i)) between += SPACE_IN_CHINESE;
    return between + 1;
  }

  private placesIn(found: Found[]): PlaceFound[] {
    const places: PlaceFound[] = [];
    for (const item of found) {
      for (const meaning of item.meanings) {
        if (meaning.kind === 'place') places.push({ found: item, place: meaning.place, demonym: false });
        else if (meaning.kind === 'demonym') places.push({ found: item, place: meaning.place, demonym: true });
        else if (meaning.kind === 'region') {
          const named = found.flatMap((f) => f.meanings).filter((m): m is Of<'provider'> => m.kind === 'provider').map((m) => m.id);
          const reading = meaning.readings.find((r) => named.includes(r.provider)) ?? meaning.readings[0]!;
          const provider = meaning.readings.length === 1 || named.includes(reading.provider) ? reading.provider : undefined;
          places.push({ found: item, place: reading.place, region: { id: meaning.id, provider }, demonym: false });
        }
        if (meaning.kind === 'place' || meaning.kind === 'demonym' || meaning.kind === 'region') break;
      }
    }
    return places;
  }

  /**
   * "身份证和居住地都是天津", "my ID card and my residence are both in Tianjin": a place after a person's two role words joined by
   * "and" has both roles; a mention of the other role is added (the places stay aligned with the mentions).
   */
  private sharedPersonRoles(tokens: readonly Token[], found: readonly Found[], places: PlaceFound[], mentions: PlaceMention[]): void {
    const personRole = (f: Found) => f.meanings.find((m): m is Entry & Of<'role'> => m.kind === 'role' && PERSON_ROLES.has(m.role))?.role;
    for (let i = 0, count = mentions.length; i < count; i++) {
      const mention = mentions[i]!;
      if (!PERSON_ROLES.has(mention.role)) continue;
      const place = places[i]!.found;
      const cues = found.filter((f) => f.clause === place.clause && f.last < place.first && personRole(f) !== undefined);
      const joined = cues.some((a, k) =>
        cues.slice(k + 1).some((b) => personRole(a) !== personRole(b) && ROLE_JOINS.has(tokens.slice(a.last + 1, b.first).map((t) => t.norm).filter((w) => !ROLE_JOIN_FILLERS.has(w)).join(' '))),
      );
      if (!joined) continue;
      places.push(places[i]!);
      mentions.push({ ...mention, role: mention.role === 'idProvince' ? 'residenceProvince' : 'idProvince' });
    }
  }

  /** The role of a place: that of the nearest role word in its clause, and whether that word stands before the place. */
  private roleOf(tokens: Token[], found: Found[], place: PlaceFound): Cued {
    const first = place.found.first;
    if (place.region) return { role: 'server', before: true, first };
    if (this.saidOfAudience(tokens, place.found)) return { role: 'unstated', before: false, first };
    // "Our company in Dongguan is launching an English website": a nationality before a site or a version is its language; so is
    // "Chinese", which names the mainland too ("want to host a small Chinese-language blog" says nothing of where the server is).
    const nationality = place.demonym || (place.found.first === place.found.last && tokens[place.found.first]!.norm === 'chinese');
    if (nationality && this.saidOfLanguage(tokens, place.found)) return { role: 'unstated', before: false, first };
    // "a Chinese ICP filing", "the China beian": the filing's country, not where anything is.
    const next = tokens[place.found.last + 1];
    if ((place.demonym || place.place.province === undefined) && !place.place.outside && next?.clause === tokens[place.found.last]!.clause && FILING_NAMES.has(next.norm)) {
      return { role: 'unstated', before: false, first };
    }
    const clause = found.filter((f) => f.clause === place.found.clause && f !== place.found);
    const aboutDomain = clause.some((f) => f.meanings.some((m) => m.kind === 'topic' && m.topic === 'domain'));
    const aboutCompany = clause.some((f) => f.meanings.some((m) => m.kind === 'companyNoun' || (m.kind === 'entity' && m.entity !== 'individual')));
    let best: { role: PlaceRole; distance: number; priority: number; before: boolean; cue: Found } | undefined;
    for (const cue of clause) {
      // A role word after the place, past an "and", begins the next part: "licence issued in Qingdao and the servers are on …".
      const joined = cue.first > place.found.last && this.conjoined(tokens, place.found.last, cue.first);
      // "珠海的服务器": a server joined to the place by 的 is in that place, as near as a word right beside it ("搬到珠海的服务器" is
      // a server in Zhuhai, not a move there).
      const serverOfPlace =
        cue.first === place.found.last + 2 &&
        tokens[place.found.last + 1]!.norm === '的' &&
        tokens[place.found.last + 1]!.clause === place.found.clause &&
        cue.meanings.some((m) => (m.kind === 'role' && m.role === 'server') || m.kind === 'provider');
      const distance = serverOfPlace ? 1 : this.distance(tokens, cue, place.found) + (joined ? CONJUNCTION_PENALTY : 0);
      if (distance > this.lexicon.roleWindow) continue;
      const rightBefore = cue.last + 1 === place.found.first;
      for (const role of this.rolesOf(cue.meanings, place, aboutDomain, aboutCompany, rightBefore)) {
        const candidate = { role, distance, priority: ROLE_PRIORITY.indexOf(role), before: cue.last < place.found.first, cue };
        if (
          !best ||
          candidate.distance < best.distance ||
          (candidate.distance === best.distance && (candidate.priority < best.priority || (candidate.priority === best.priority && candidate.before && !best.before)))
        ) {
          best = candidate;
        }
      }
    }
    // "a representative office registered in Chongqing": registered qualifies the presence just before it.
    if (best?.role === 'licenceProvince' && best.cue && this.qualifiesPresence(tokens, clause, best.cue)) return { role: 'certificateProvince', before: best.before, first };
    return { role: best?.role ?? 'unstated', before: best?.before ?? false, first };
  }

  /**
   * The province of the one mainland place said in a clause of its own, with no role word ("个体户，在合肥，去哪备案"):
   * where a company says it is, which is where its licence is.
   */
  private placeAlone(found: readonly Found[], mentions: readonly PlaceMention[], places: readonly PlaceFound[]): ProvinceId | undefined {
    const alone = mentions.filter((mention, i) => {
      const clause = places[i]!.found.clause;
      return mention.role === 'unstated' && !mention.negated && mention.province !== 'mainland' && mention.province !== 'outside-mainland' && !places[i]!.demonym &&
        found.every((f) => f === places[i]!.found || f.clause !== clause);
    });
    return alone.length === 1 ? (alone[0]!.province as ProvinceId) : undefined;
  }

  /** Whether a place says where a site's audience is: "Chinese visitors", "users in China", 国内用户, 面向中国用户. */
  private saidOfAudience(tokens: readonly Token[], place: Found): boolean {
    const { audience, prepositions } = this.lexicon;
    const clause = tokens[place.first]!.clause;
    const word = (from: number, length: number): string => tokens.slice(from, from + length).filter((t) => t.clause === clause).map((t) => t.norm).join('');
    // Right after the place: a word, or two Chinese characters.
    if (audience.has(word(place.last + 1, 1)) || audience.has(word(place.last + 1, 2))) return true;
    // Before it, past a preposition: "users in China".
    const before = tokens[place.first - 1];
    return before !== undefined && before.clause === clause && prepositions.has(before.norm) && audience.has(tokens[place.first - 2]?.clause === clause ? tokens[place.first - 2]!.norm : '');
  }

  /** Whether a word of language use follows the place right after it in its clause ("English website", "Chinese version"). */
  private saidOfLanguage(tokens: readonly Token[], place: Found): boolean {
    const next = tokens[place.last + 1];
    return next !== undefined && next.clause === tokens[place.first]!.clause && this.lexicon.language.has(next.norm);
  }

  /** Whether a presence word ("representative office", 分公司) stands just before a role word. */
  private qualifiesPresence(tokens: Token[], clause: Found[], cue: Found): boolean {
    return clause.some((f) => f.last < cue.first && this.distance(tokens, f, cue) <= 1 && f.meanings.some((m) => m.kind === 'presence' && m.value !== 'none'));
  }

  /** Whether a conjunction stands between two token positions. */
  private conjoined(tokens: Token[], after: number, before: number): boolean {
    for (let i = after + 1; i < before; i++) if (this.lexicon.conjunctions.has(tokens[i]!.norm)) return true;
    return false;
  }

  /** @param rightBefore whether the words stand right before the place: a role word that gives its role only there gives it. */
  private rolesOf(meanings: Entry[], place: PlaceFound, aboutDomain: boolean, aboutCompany: boolean, rightBefore: boolean): PlaceRole[] {
    const roles: PlaceRole[] = [];
    // A word that names both a company and its presence ("WFOE") places the presence: "a WFOE in Shenzhen".
    const presence = meanings.some((m) => m.kind === 'presence' && m.value !== 'none');
    for (const meaning of meanings) {
      if (presence && (meaning.kind === 'entity' || meaning.kind === 'companyNoun')) continue;
      if (meaning.kind === 'role') {
        if (meaning.rightBefore && !rightBefore) continue;
        // "registered in X" next to a domain is where the domain is registered, unless a company is also named.
        if (meaning.role === 'licenceProvince' && aboutDomain && !aboutCompany) roles.push('domain');
        else if (meaning.role === 'licenceProvince' && place.place.outside) roles.push('companyOrigin');
        // "a company based in Changsha": where a company is based is where it is registered.
        else if (meaning.role === 'residenceProvince' && aboutCompany) roles.push(place.place.outside ? 'companyOrigin' : 'licenceProvince');
        // Only documents issued outside the mainland say anything: "a licence issued in Qingdao" is where the licence is.
        else if (meaning.role !== 'documents' || place.place.outside) roles.push(meaning.role);
      } else if (meaning.kind === 'companyNoun' || (meaning.kind === 'entity' && meaning.entity !== 'individual')) {
        roles.push(place.place.outside || place.demonym ? 'companyOrigin' : 'licenceProvince');
      } else if (meaning.kind === 'presence' && meaning.value !== 'none') {
        roles.push('certificateProvince');
      } else if (meaning.kind === 'provider') {
        roles.push('server');
      } else if (meaning.kind === 'topic' && meaning.topic !== 'site') {
        roles.push(meaning.topic);
      }
    }
    return roles;
  }

  private mention(text: string, tokens: Token[], place: PlaceFound, cued: PlaceRole): PlaceMention {
    const start = tokens[place.found.first]!.start;
    const end = tokens[place.found.last]!.end;
    // A nationality says where a company is from, or whose ID a person holds ("a Canadian citizen", "a German passport"); nothing else.
    const role = place.demonym ? (cued === 'companyOrigin' || cued === 'idProvince' ? cued : 'unstated') : cued;
    return {
      text: text.slice(start, end),
      start,
      end,
      role,
      negated: place.found.negated,
      province: place.place.outside ? 'outside-mainland' : (place.place.province ?? 'mainland'),
      name: { en: place.place.en, zh: place.place.zh },
    };
  }

  private assemble(text: string, tokens: Token[], found: Found[], places: PlaceFound[], mentions: PlaceMention[], script: 'en' | 'zh', movedFrom?: ProvinceId, mode: ReadMode = 'message'): Facts {
    const profile: Record<string, unknown> = movedFrom ? { movedFromProvince: movedFrom } : {};
    const facts: Facts = { profile: {}, places: mentions };
    const words = this.lexicon.askWords.scan(tokens, () => true);
    // The filing said to be done already ("our site already has its filing", 备案早就下来了).
    const filedIndex = filedAt(tokens);
    const filedAlready = words.some((w) => w.meanings.some((m) => m.kind === 'filedAlready')) || filedIndex !== undefined;
    // The meanings found, by kind, in the order found (and within a phrase, in its order); made on first use.
    let byKind: Map<Meaning['kind'], { meaning: Entry; found: Found }[]> | undefined;
    const meanings = <K extends Meaning['kind']>(kind: K, negated?: boolean): { meaning: Of<K>; found: Found }[] => {
      if (!byKind) {
        byKind = new Map();
        for (const f of found) {
          for (const meaning of f.meanings) {
            let list = byKind.get(meaning.kind);
            if (!list) byKind.set(meaning.kind, (list = []));
            list.push({ meaning, found: f });
          }
        }
      }
      return (byKind.get(kind) ?? []).filter(({ found: f }) => negated === undefined || f.negated === negated) as { meaning: Of<K>; found: Found }[];
    };
    const withRole = (role: PlaceRole): { mention: PlaceMention; place: PlaceFound }[] =>
      mentions.map((mention, i) => ({ mention, place: places[i]! })).filter(({ mention }) => mention.role === role);
    const oneProvince = (role: CuedRole): ProvinceId | undefined => {
      const provinces = new Set(withRole(role).filter(({ mention }) => !mention.negated && mention.province !== 'outside-mainland' && mention.province !== 'mainland').map(({ mention }) => mention.province as ProvinceId));
      return provinces.size === 1 ? [...provinces][0] : undefined;
    };

    // Where the server is.
    const sides = new Set<'mainland' | 'outside-mainland'>();
    for (const { mention } of withRole('server')) {
      const mainland = mention.province !== 'outside-mainland';
      // Only "not in China" as a whole turns into the other side; "not in Beijing" says nothing.
      if (mention.negated) {
        if (mention.province === 'mainland') sides.add('outside-mainland');
        else if (mention.province === 'outside-mainland' && mention.name.en === 'outside mainland China') sides.add('mainland');
        continue;
      }
      sides.add(mainland ? 'mainland' : 'outside-mainland');
    }
    // Servers on both sides ("servers in both Hong Kong and Shenzhen"): the mainland one, named by its place, is what a filing is for.
    const mainlandServerNamed = withRole('server').some(({ mention }) => !mention.negated && mention.province !== 'mainland' && mention.province !== 'outside-mainland');
    if (sides.size === 2 && mainlandServerNamed) sides.delete('outside-mainland');
    // A server at home is where the user lives: the place right after "at home", or where they say they live.
    const home = sides.size === 0 ? this.homeServerPlace(tokens, found, words, mentions, places) : undefined;
    if (home) sides.add(home.province === 'outside-mainland' ? 'outside-mainland' : 'mainland');
    // A provider named as the one to file through ("file through Tencent Cloud", 腾讯云备案) is not, by that, the host.
    const named = meanings('provider', false).filter(({ found: f }) => !this.isDomainClause(tokens, found, f));
    const filingVia = named.filter(({ found: f }) => this.isFilingVia(tokens, found, f));
    // Moving from one host to another ("from linode tokyo to aliyun hangzhou", 网站从阿里云搬到腾讯云): the host is the one moved to.
    const others = named.filter((p) => !filingVia.includes(p));
    const movedTo = others.filter(({ found: f }) => movedBy(tokens, f.first, MOVED_TO));
    const moving = others.some(({ found: f }) => movedBy(tokens, f.first, MOVED_FROM)) || movedTo.some(({ found: f }) => movedBy(tokens, f.first, MOVING));
    const providers = movedTo.length > 0 && moving ? movedTo : others;
    // The provider left behind, when the site moves to another and already has its filing there ("filed through Aliyun, now
    // moving the server to Tencent Cloud", 网站从阿里云搬到腾讯云了): the filing is transferred, not made anew. Said with "from",
    // a mainland provider (one that registers domains in the mainland, or hosts only there) is taken to hold a filing.
    const leftBehind =
      movedTo.length > 0 && moving
        ? named.filter(
            ({ meaning, found: f }) =>
              !movedTo.some(({ meaning: to }) => to.id === meaning.id) &&
              (filedAlready ||
                this.saidBefore(tokens, f.first) ||
                (!filingVia.some(({ found: via }) => via === f) && movedBy(tokens, f.first, MOVED_FROM) && (meaning.mainland || meaning.registrar === 'mainland'))),
          )
        : [];
    if (leftBehind.length > 0) profile.movingToAnotherProvider = true;
    const regionProvider = places.find((p) => p.region?.provider)?.region?.provider;
    let providerId: HostingProviderId | undefined = providers[0]?.meaning.id ?? regionProvider;
    if (sides.size === 0 && providers.some(({ meaning }) => meaning.mainland)) sides.add('mainland');
    if (sides.size === 1) {
      profile.hosting = [...sides][0];
      if (profile.hosting === 'mainland') {
        facts.serverProvince = oneProvince('server') ?? (home && home.province !== 'mainland' ? (home.province as ProvinceId) : undefined);
        const arm = providerId ? this.lexicon.mainlandArms.get(providerId) : undefined;
        if (arm) providerId = arm;
      }
    }
    if (providerId) {
      facts.hostingProviderId = providerId;
      facts.hostingProviderName = this.lexicon.providerNames.get(providerId) ?? { en: providerId, zh: providerId };
      const entry = this.lexicon.providerEntries.get(providerId);
      if (entry) facts.hostingProviderEntry = entry;
    }
    // Names to show back, and to compare: the provider one wants to file through must host the server.
    // The provider a filing was made through, left behind, is not one the user wants to file through.
    // Nor is one named with a filing done there (网站在阿里云备案了).
    const filedThere = filingVia.filter(({ found: f }) => filedIndex === f.last + 1);
    const wantedId = filingVia.find((p) => !leftBehind.includes(p) && !filedThere.includes(p))?.meaning.id;
    if (wantedId) {
      profile.desiredFilingProvider = this.providerName(wantedId, script);
      if (providerId) {
        profile.hostingProvider = this.providerName(providerId, script);
        profile.filesThroughHostingProvider ??= wantedId === providerId;
      } else if (words.some((w) => w.meanings.some((m) => m.kind === 'ownHosting' || m.kind === 'home'))) {
        // No cloud hosts the server (a local IDC, one's own server room, home): the cloud named to file through does not.
        profile.filesThroughHostingProvider ??= false;
      }
    }

    // Who files.
    const entityNamed = this.entityOf(found, mentions, text, tokens);
    const ofItself = entityNamed === undefined && this.mainlandSaidOfItself(tokens, found, mentions);
    const entity = ofItself ? 'mainland-organisation' : entityNamed;
    if (entity) profile.entityType = entity;
    const idProvince = oneProvince('idProvince');
    if (idProvince && entity !== 'mainland-organisation' && entity !== 'foreign-enterprise') {
      profile.idProvince = idProvince;
      // Only a person has an identity card.
      profile.entityType ??= 'individual';
    }
    const residence = oneProvince('residenceProvince');
    if (residence && entity !== 'mainland-organisation' && entity !== 'foreign-enterprise') profile.residenceProvince = residence;
    // Living outside the mainland ("I live in Singapore", 我现在住在德国), with no mainland province of residence beside it: a person's.
    else if (
      residence === undefined &&
      entity !== 'mainland-organisation' &&
      entity !== 'foreign-enterprise' &&
      mentions.some((mention) => mention.role === 'residenceProvince' && !mention.negated && mention.province === 'outside-mainland')
    ) {
      profile.livesOutsideMainland = true;
    }
    // A place said with "we are a mainland company" was read as a branch's; it is the company's own.
    const licence =
      oneProvince('licenceProvince') ??
      (ofItself ? oneProvince('certificateProvince') : undefined) ??
      (entity === 'mainland-organisation' ? this.placeAlone(found, mentions, places) : undefined);
    if (licence && entity !== 'individual' && entity !== 'foreign-enterprise') {
      profile.licenceProvince = licence;
      profile.entityType ??= 'mainland-organisation';
    }
    if (entity !== 'individual' && entity !== 'mainland-organisation') {
      // A branch or an office placed outside the mainland and nowhere in it ("office only in Tokyo", 分公司在新加坡) is not one in it.
      const placedIn = (f: Found, abroad: boolean) =>
        mentions.some(
          (m, i) => !m.negated && m.role !== 'companyOrigin' && !places[i]!.demonym && (m.province === 'outside-mainland') === abroad && places[i]!.found.clause === f.clause,
        );
      const presences = meanings('presence')
        .filter(({ meaning, found: f }) => f.negated || meaning.value === 'none' || !placedIn(f, true) || placedIn(f, false))
        .map(({ meaning, found: f }) => (f.negated ? 'none' : meaning.value));
      // Not registered in China at all, and no branch or office named: nothing in the mainland.
      if (presences.length === 0 && this.notRegisteredInChina(mentions)) presences.push('none');
      const said = PRESENCE_SPECIFICITY.find((p) => presences.includes(p));
      // A company placed in the mainland by its licence ("公司在北京和上海都有办公室") speaks of its own offices, not of a foreign
      // company's presence; a representative office is still a foreign company's.
      // Nor is "our office" said by someone who names nothing foreign ("a server in our Beijing office"): a foreign company's office
      // comes with the company abroad or "not registered in China". ("Only an office in Shanghai", the check's answer, still is one.)
      const foreignSaid = entity === 'foreign-enterprise' || presences.includes('none') || mentions.some((m) => !m.negated && m.province === 'outside-mainland');
      const ourOffice = meanings('presence').some(({ meaning, found: f }) => meaning.value === 'physical-office' && this.saidAsOurs(tokens, f.first));
      const ownOffices =
        (profile.entityType === 'mainland-organisation' && said !== undefined && said !== 'representative-office-certificate') ||
        (said === 'physical-office' && ourOffice && !foreignSaid);
      const presence = ownOffices ? undefined : said;
      if (presence) profile.foreignPresence = presence;
      // A representative office (代表处) is a foreign company's: "rep office certificate issued in Chongqing" says who files.
      if (presence === 'representative-office-certificate') profile.entityType ??= 'foreign-enterprise';
      // A foreign company's mainland place said as a company's ("外企在苏州有子公司") is where its branch or office is.
      const certificate = oneProvince('certificateProvince') ?? (presence !== undefined ? oneProvince('licenceProvince') : undefined);
      if (certificate && presence !== 'none' && !ownOffices) profile.certificateProvince = certificate;
    }
    // "学校网站放在学校自己的机房里", "on our own server room": one's own server room or a local IDC, with no place of its own, is
    // where the speaker is, in the mainland.
    const ownRoom = words.some(
      (w) =>
        w.meanings.some((m) => m.kind === 'ownHosting') &&
        !this.negationBefore(
          tokens,
          found.filter((f) => f.last < w.first),
          w,
          (f) => tokens[f.first]!.clause === tokens[w.first]!.clause,
        ),
    );
    if (profile.hosting === undefined && ownRoom && (profile.licenceProvince !== undefined || profile.residenceProvince !== undefined)) profile.hosting = 'mainland';
    const desired = oneProvince('desiredProvince');
    if (desired) {
      facts.desiredProvince = desired;
      profile.desiredProvince = desired;
    }

    // The site.
    // Every kind named: "a blog plus a forum" is a general site and a forum; but a general word next to a special kind
    // qualifies it ("a shop for sex toys", 成人用品网店), it is not a site of its own.
    const siteKinds = meanings('siteKind', false);
    const special = siteKinds.filter(({ meaning }) => meaning.value !== 'general');
    const kinds = new Set<SiteType>(special.map(({ meaning }) => meaning.value));
    const standsAlone = (f: Found) => special.every(({ found: s }) => s.clause !== f.clause || this.distance(tokens, f, s) > SITE_KIND_QUALIFIER_REACH);
    if (siteKinds.some(({ meaning, found: f }) => meaning.value === 'general' && (special.length === 0 || standsAlone(f)))) kinds.add('general');
    if (kinds.size > 0) profile.siteTypes = [...kinds];
    if (meanings('industry', false).length > 0) facts.namesIndustry = true;
    if (meanings('payments', false).length > 0) facts.takesPayments = true;
    if (DOMAIN_SUFFIX.test(text)) facts.namesDomainSuffix = true;
    const sites = this.numberOfSites(tokens, found);
    if (sites !== undefined) profile.numberOfSites = sites;
    // A site or domain added by someone whose filing exists ("our main site is filed, we bought a second domain"): it joins
    // that filing.
    if (filedAlready && this.addsASite(tokens, found)) profile.addingSiteToFiling = true;

    // Documents issued outside the mainland ("all our documents were issued in Macau", 材料都是法国那边出具的).
    if (withRole('documents').some(({ mention }) => !mention.negated && mention.province === 'outside-mainland')) profile.documentsIssuedOutsideMainland = true;

    // Fixed phrases, CDN and domain.
    for (const { meaning, found: f } of meanings('statement')) {
      if (meaning.onlyNegated && !f.negated) continue;
      const value = f.negated ? !meaning.value : meaning.value;
      const [field, nested] = meaning.field.split('.') as [string, string | undefined];
      // Whether an administration takes people from other provinces is answered yes or no ("unknown" is the check's third answer).
      if (field === 'remoteApplicationAccepted') profile[field] ??= value ? 'yes' : 'no';
      else if (nested === undefined) profile[field] ??= value;
      else {
        // Said of an application in progress ("already with the administration", 同一个公司).
        const application = (profile[field] ??= {}) as Record<string, unknown>;
        application[nested] ??= value;
      }
    }
    // An application the provider has passed on, or not yet, is one in progress; "the same company" says nothing without one.
    if ((profile.inProgressApplication as { submittedToAdministration?: boolean } | undefined)?.submittedToAdministration !== undefined) profile.hasInProgressApplication ??= true;
    if (profile.hasInProgressApplication !== true) delete profile.inProgressApplication;
    this.cdnAndDomain(tokens, found, mentions, profile);
    // An age said of a person ("I'm 16", "a 17-year-old", 我今年16岁): under 18 or not.
    const age = statedAge(text);
    if (age !== undefined) profile.applicantUnder18 ??= age < ADULT_AGE;
    // A person from outside the mainland: an ID's place abroad (我是香港人), or a nationality said of the speaker ("I'm a Canadian").
    const fromAbroad = (mention: PlaceMention, i: number) =>
      !mention.negated &&
      mention.province === 'outside-mainland' &&
      (mention.role === 'idProvince' ||
        (places[i]!.demonym && mention.role === 'unstated' && saidOfSpeaker(tokens, places[i]!.found.first)) ||
        nationalOfSpeaker(tokens, places[i]!.found));
    if (mentions.some(fromAbroad)) profile.idFromOutsideMainland ??= true;

    // A general question ("how does a game website get the permit?", "explain the rules for forums") names a topic,
    // not the user's own case: without a word for the speaker, it states nothing. An answer to the check's question is of the
    // user's case, whatever its words: 就一般的 ("just ordinary") answers what the site offers.
    if (mode !== 'answer' && this.isGeneralQuestion(words)) {
      facts.profile = {};
      facts.places = [];
      delete facts.serverProvince;
      delete facts.desiredProvince;
      delete facts.hostingProviderId;
      delete facts.hostingProviderName;
      delete facts.hostingProviderEntry;
    } else facts.profile = parseProfile(profile, 'FactReader.read');
    // "What name can I give my blog?" asks for a thing, not whether one can: a can-ask after "what" or "which" is not one.
    // Nor does "what documents do we need" or "how long do I have to…" ask whether a filing is needed: they ask for a thing.
    // Nor does "where do I put the icp number": where a thing goes, not where to file.
    // Nor does 能在/可以在 ask where without a place after it: 啥时候能再提交 (再, typed or heard as 在) asks when.
    const placeAfter = (f: Found) => {
      const clause = tokens[f.last]!.clause;
      if (places.some(({ found: p }) => p.first > f.last && p.first - f.last <= 2 && tokens[p.first]!.clause === clause)) return true;
      // Or a place said by whose it is: 能在居住地办, 可以在户籍地备案.
      const after = charactersAfter(tokens, f.last);
      return this.lexicon.placesByWhose.some((w) => after.startsWith(w));
    };
    // Nor does a need stated in a sentence of its own beside a question ("…and now need to file a second domain. Do I have to
    // wait until the first is finished?"): what it states is a premise of the question, not what is asked.
    const asksMarked = QUESTION_MARK.test(text);
    // A can-cue before keeping the site open ("can my site stay online while …?") asks whether the site may, not whether one can
    // apply; running it without the filing, or before it ("can I run my site without the ICP registration?"), asks whether one is needed.
    const doingWithout = (f: Found) =>
      words.some((w) => w.meanings.some((m) => m.kind === 'avoid') && tokens[w.first]!.clause === tokens[f.first]!.clause) ||
      tokens.some((token) => token.clause === tokens[f.first]!.clause && WITHOUT_WORDS.has(token.norm));
    const running = new Set(meanings('ask').filter(({ meaning, found: f }) => meaning.ask === 'can-apply' && beforeRunVerb(text, tokens, f) && !doingWithout(f)).map(({ found: f }) => f));
    if (running.size > 0) facts.asksRunning = true;
    // Nor does "do I need a work permit?" or "do we need a Chinese company to file?": what a need-cue names after it is what is
    // asked about, when it is not the filing.
    const asksFor = (ask: Ask, f: Found): boolean =>
      (ask === 'can-apply' && (this.afterWhat(tokens, f, CAN_FOR_A_THING_WORDS) || running.has(f))) ||
      (ask === 'filing-required' &&
        (this.afterWhat(tokens, f, FOR_A_THING_WORDS) || this.beforeStepVerb(tokens, f) || beforeHanStepVerb(tokens, f) || needsAnotherThing(tokens, f) || (asksMarked && inStatement(text, tokens[f.last]!.end)))) ||
      (ask === 'where' &&
        (this.beforeThingVerb(tokens, f) || afterPlacingVerb(tokens, f) || (IN_WORDS.has(tokens[f.last]!.norm) && !placeAfter(f)) || relativeWhere(text, tokens, f))) ||
      (ask === 'through' && choosingAHost(tokens, f));
    const asks = new Set(meanings('ask').filter(({ meaning, found: f }) => !asksFor(meaning.ask, f)).map(({ meaning }) => meaning.ask));
    // "Do I need to get a beian?": a can-cue that a need-cue opens asks whether one is needed, not whether one can.
    const needs = meanings('ask').filter(({ meaning }) => meaning.ask === 'filing-required');
    // "do I need to be able to": "to" and "be" between them do not count.
    const between = (n: Found, f: Found) => tokens.slice(n.last + 1, f.first).filter((t) => t.norm !== 'to' && t.norm !== 'be').length;
    const opened = (f: Found) =>
      needs.some(({ found: n }) => n.last < f.first && between(n, f) < NEED_OPENS && tokens[n.last]!.clause === tokens[f.first]!.clause);
    const cans = meanings('ask').filter(({ meaning }) => meaning.ask === 'can-apply');
    if (cans.length > 0 && cans.every(({ found: f }) => opened(f))) asks.delete('can-apply');
    // Asks said in words apart count as much as phrases: "which extra permits do I need" asks for permits, not whether a filing is needed.
    // Only as a clause of its own: "…, possible?" asks; "as soon as possible" does not.
    const alone = (w: { first: number; last: number }): boolean => (w.first === 0 || tokens[w.first - 1]!.clause !== tokens[w.first]!.clause) && endsClause(tokens, w.last);
    // Opening a message that goes on, it acknowledges what was said: "ok, and how do I file then?", "fine, which documents?".
    const acknowledges = (w: { first: number; last: number }): boolean => w.first === 0 && w.last < tokens.length - 1;
    if (words.some((w) => w.meanings.some((m) => m.kind === 'canAtEnd') && alone(w) && !acknowledges(w))) asks.add('can-apply');
    // The filing named alone as a clause ("…, server in aws ap-southeast-1. beian?") asks whether one is needed.
    if (asks.size === 0 && words.some((w) => w.meanings.some((m) => m.kind === 'filingAtEnd') && alone(w))) asks.add('filing-required');
    // "…get the beian. true?" asks whether what was said holds: whether one can, when nothing else is asked.
    if (asks.size === 0 && words.some((w) => w.meanings.some((m) => m.kind === 'truthAtEnd') && alone(w))) asks.add('can-apply');
    let ask = this.lexicon.askOrder.find((a) => asks.has(a) || this.asksApart(tokens, words, a));
    // "Can we get a fapiao for the filing?", 能开专票吗: what is asked is about paying, not the filing.
    const paying = new Set(words.filter((w) => w.meanings.some((m) => m.kind === 'notFiling')).map((w) => tokens[w.first]!.clause));
    // The clauses that ask: the phrase's, or, for an ask said in words apart (能用我们公司的名义给客户网站备案吗), its question word's.
    const askedIn = (a: Ask): number[] =>
      asks.has(a)
        ? meanings('ask').filter(({ meaning }) => meaning.ask === a).map(({ found: f }) => tokens[f.first]!.clause)
        : words.filter((w) => w.meanings.some((m) => m.kind === 'askWord' && m.ask === a && m.part === 'question')).map((w) => tokens[w.first]!.clause);
    if (ask && askedIn(ask).some((clause) => paying.has(clause))) ask = undefined;
    // "Can I skip the filing if the server is in Hong Kong?", 不想备案，服务器放香港可以吗: whether one is needed, not whether one can apply.
    if (ask === 'can-apply' && words.some((w) => w.meanings.some((m) => m.kind === 'avoid'))) ask = 'filing-required';
    // Someone whose filing is done does not ask whether one is needed ("2019年拿的备案号，会过期吗，要不要续"), nor where to file
    // ("备案下来了，备案号要放网站哪里" asks where the number goes).
    if (filedAlready) facts.filedAlready = true;
    if ((ask === 'filing-required' || ask === 'where') && filedAlready) ask = undefined;
    // "公司在乌鲁木齐，想在北京备案": a province one wants to file in, said in a statement, asks whether one can file there. (A question
    // that asks nothing the reader knows, "备案填的手机号必须是天津号码吗", is about something else.)
    if (!ask && facts.desiredProvince && !filedAlready && !isQuestionShaped(text)) ask = 'where';
    if (ask) facts.asks = ask;
    // Not a domain's suffix ("a domain ending in .app"), nor a web app, which is a website.
    const thing = (w: (typeof words)[number]) =>
      w.meanings.some((m) => m.kind === 'notWebsite') && text[tokens[w.first]!.start - 1] !== '.' && tokens[w.first - 1]?.norm !== 'web';
    const thingsNamed = (named: readonly (typeof words)[number][]) => [...new Set(named.map((w) => tokens.slice(w.first, w.last + 1).map((t) => t.norm).join(tokens[w.first]!.han ? '' : ' ')))];
    // "Does my app need a filing too?": the thing asked about, when it is not a website.
    if (ask === 'filing-required' || ask === 'can-apply') {
      const askClauses = new Set(meanings('ask').filter(({ meaning }) => meaning.ask === ask).map(({ found: f }) => tokens[f.first]!.clause));
      // An ask clause that names neither a site nor another thing asks about the thing of the clause before its comma, when that
      // clause names no site either ("阿里云杭州的对象存储绑自己的域名，需要备案吗"; not "我们有官网也有小程序，官网需要备案吗").
      const namesThing = (clause: number) => words.some((w) => w.meanings.some((m) => m.kind === 'notWebsite') && tokens[w.first]!.clause === clause);
      for (const clause of [...askClauses]) {
        if (!namesSite(tokens, clause) && !namesThing(clause) && commaBefore(text, tokens, clause) && !namesSite(tokens, clause - 1)) askClauses.add(clause - 1);
      }
      let about = words.filter((w) => thing(w) && askClauses.has(tokens[w.first]!.clause));
      // A message that names no site anywhere asks about the app it names, in whichever sentence ("my mini program backend is on AWS
      // singapore. do i still need to file?", 我们app后端全在AWS新加坡…商店说要备案号).
      // Only when it is all the message names of such things: "our app's API sits behind API Gateway … filing needed for that domain?"
      // asks about the gateway's domain.
      if (about.length === 0) {
        const things = words.filter(thing);
        const apps = things.filter((w) => w.meanings.some((m) => m.kind === 'app'));
        const clauses = new Set(tokens.map((token) => token.clause));
        if (apps.length > 0 && apps.length === things.length && ![...clauses].some((clause) => namesSite(tokens, clause))) about = apps;
      }
      if (about.length > 0) facts.asksAbout = thingsNamed(about);
    }
    if (words.some((w) => w.meanings.some((m) => m.kind === 'how'))) facts.asksHow = true;
    // "What's involved?", 要走什么流程: to be guided through a case or a site put in the mainland or on a host ("a shop site on Huawei
    // Cloud in Xiamen"), when it speaks of a site, a server or the filing; "where do I start learning Chinese?" and
    // 公司开对公账户要准备什么资料 (a company's bank account) do not.
    // A site wished for ("we want a site for Chinese customers", 想做个网站), in a message that asks nothing else, asks the same.
    const guides = [...this.lexicon.guideWords.scan(tokens, () => true), ...(facts.asks === undefined && !isQuestionShaped(text) ? siteWishes(text, tokens, found) : [])];
    if (guides.length > 0) {
      const aboutSite =
        found.some((f) => f.meanings.some((m) => m.kind === 'siteKind' || (m.kind === 'topic' && m.topic === 'site'))) ||
        words.some((w) => w.meanings.some((m) => m.kind === 'filingAtEnd')) ||
        facts.hostingProviderId !== undefined ||
        facts.profile.hosting !== undefined;
      const inMainland = facts.places.some((m) => !m.negated && m.province !== 'outside-mainland') || facts.hostingProviderId !== undefined;
      // An owner who names China as where its users are wants something there ("we're a small dutch company … chinese customers say
      // it's super slow. what are our options?"): as much a case to guide as a site.
      const forChina = facts.profile.entityType !== undefined && facts.places.some(isChinaInNoRole);
      if ((aboutSite || forChina) && (Object.keys(facts.profile).length > 0 || inMainland)) facts.asksGuide = true;
      else if (facts.profile.entityType !== undefined) facts.asksGuideAsOwner = true;
      // With no case, place or host of its own ("what do we need to do?"), it asks about the case told before, if any. China named as a
      // whole, in no role, is where the users are rather than a fact of the case ("so what are our options? we need fast loading for
      // chinese users").
      else if (Object.keys(facts.profile).length === 0 && facts.places.every(isChinaInNoRole) && facts.hostingProviderId === undefined) facts.asksGuideOfToldCase = true;
      // "where do we even begin?" asks where to start, not where to file: a "where" said only inside the guide's words asks nothing.
      const inGuide = (f: { first: number; last: number }) => guides.some((g) => g.first <= f.first && f.last <= g.last);
      const whereSaid = [...meanings('ask').filter(({ meaning }) => meaning.ask === 'where').map(({ found: f }) => f), ...words.filter((w) => w.meanings.some((m) => m.kind === 'which'))];
      if (facts.asksGuide && ask === 'where' && whereSaid.every(inGuide)) {
        ask = undefined;
        delete facts.asks;
      }
      // Nor does a need said only inside words of doing ask whether a filing is needed: 需要做什么, "what do we need to do?" ask what to
      // do. (Paperwork, 要办什么手续, is the filing itself: that still asks whether one is needed.)
      const inDoing = (f: { first: number; last: number }) =>
        guides.some((g) => g.first <= f.first && f.last <= g.last && tokens.slice(g.first, g.last + 1).some((t) => DOING_WORDS.has(t.norm)));
      const needSaid = meanings('ask').filter(({ meaning }) => meaning.ask === 'filing-required').map(({ found: f }) => f);
      if ((facts.asksGuide || facts.asksGuideOfToldCase || facts.asksGuideAsOwner) && ask === 'filing-required' && needSaid.length > 0 && needSaid.every(inDoing)) {
        ask = undefined;
        delete facts.asks;
      }
    }
    // "We want to open a WeChat mini program, what's the process?": to be guided for a thing that is not a website, named in a
    // message that names no site, asks about that thing as "does my app need a filing?" does.
    if ((facts.asksGuide || facts.asksGuideAsOwner || facts.asksGuideOfToldCase) && facts.asksAbout === undefined) {
      const things = words.filter(thing);
      const clauses = new Set(tokens.map((token) => token.clause));
      if (things.length > 0 && ![...clauses].some((clause) => namesSite(tokens, clause))) facts.asksAbout = thingsNamed(things);
    }
    if (ask === 'where' && words.some((w) => w.meanings.some((m) => m.kind === 'which'))) facts.asksWhich = true;
    // "Who files and where?", "do we have to file and who does it?", "要备案吗？谁来提交？": each answered, the second after the
    // first. Whether one can is no second question: "can we file in Guangdong?" and "can Tencent file it for us?" ask where
    // and through whom, and "can I skip the filing?" whether one is needed.
    // Nor is "do we have to file in Xinjiang?": a need said of a place asks where.
    const seconds: Partial<Record<Ask, readonly Ask[]>> = { where: ['through', 'filing-required'], through: ['where', 'filing-required'], 'filing-required': ['where', 'through'] };
    const ofAPlace = (f: Found) => [1, 2].some((k) => tokens[f.last + k]?.clause === tokens[f.last]!.clause && this.lexicon.prepositions.has(tokens[f.last + k]!.norm));
    const needAsked = meanings('ask').some(({ meaning, found: f }) => meaning.ask === 'filing-required' && !ofAPlace(f));
    const said = (a: Ask) => (a === 'filing-required' ? asks.has(a) && needAsked : asks.has(a) || this.asksApart(tokens, words, a));
    const other = ask ? seconds[ask]?.find(said) : undefined;
    if (other) facts.asksAlso = other;
    if (ask === 'permits' && words.some((w) => w.meanings.some((m) => m.kind === 'besides'))) facts.asksBesides = true;
    return facts;
  }

  /**
   * A question about the rules in general: it speaks of the rules ("rules", "in general", 一般) and has
   * no word for the speaker (I, we, my, 我). "How" alone is not enough: Chinese often leaves the speaker unsaid.
   */
  /**
   * Where a server kept at home is ("a raspberry pi at home in Wuhan", 服务器就放在家里，我住武汉): a word for home and a
   * server word in the message, and a place right after the home word or one the user lives in.
   */
  private homeServerPlace(
    tokens: readonly Token[],
    found: readonly Found[],
    words: readonly { first: number; last: number; meanings: readonly Meaning[] }[],
    mentions: readonly PlaceMention[],
    places: readonly PlaceFound[],
  ): PlaceMention | undefined {
    const home = words.find((w) => w.meanings.some((m) => m.kind === 'home'));
    if (!home || !found.some((f) => f.meanings.some((m) => m.kind === 'role' && m.role === 'server' && !m.rightBefore))) return undefined;
    const at = mentions.findIndex((mention, i) => {
      const first = places[i]!.found.first;
      return !mention.negated && first > home.last && first - home.last <= 2 && tokens[first]!.clause === tokens[home.last]!.clause;
    });
    if (at >= 0) return mentions[at];
    return mentions.find((mention) => mention.role === 'residenceProvince' && !mention.negated);
  }

  private isGeneralQuestion(words: readonly { meanings: readonly Meaning[] }[]): boolean {
    const general = words.some((w) => w.meanings.some((m) => m.kind === 'general'));
    return general && !words.some((w) => w.meanings.some((m) => m.kind === 'speaker'));
  }

  /**
   * Whether "what" or "which" stands shortly before a phrase in its clause. The words of a list count as one, and its commas
   * join ("which IDs, photos and forms are needed", "what documents and photos do we need"); a clause opened by "and" is no
   * list ("which province, and do we need a filing?").
   */
  private afterWhat(tokens: Token[], item: { first: number }, words: ReadonlySet<string> = WHAT_WORDS): boolean {
    let clause = tokens[item.first]!.clause;
    let counted = 0;
    let listed = false;
    for (let i = item.first - 1; i >= Math.max(0, item.first - WHAT_WINDOW - LIST_WORDS); i--) {
      const token = tokens[i]!;
      if (token.clause !== clause) {
        if (!listed) return false;
        clause = token.clause;
      }
      if (words.has(token.norm)) return true;
      // A joiner with a word of its clause before it joins the items of a list.
      if (LIST_JOINERS.has(token.norm) && tokens[i - 1]?.clause === clause) listed = true;
      else if (!listed && ++counted >= WHAT_WINDOW) return false;
    }
    return false;
  }

  /** Whether "to" and a verb of a step follow a need-cue in its clause ("do I have to go …", "do I need to be able to read …"). */
  private beforeStepVerb(tokens: Token[], item: Found): boolean {
    let next = item.last + 1;
    if (tokens[item.last]!.norm !== 'to') {
      if (tokens[next]?.norm !== 'to') return false;
      next += 1;
    }
    // "be able to": the verb of the step is "able".
    if (tokens[next]?.norm === 'be') next += 1;
    const verb = tokens[next];
    return verb !== undefined && verb.clause === tokens[item.last]!.clause && STEP_VERBS.has(verb.norm);
  }

  /** Whether a verb of placing or finding a thing follows shortly in the clause ("where do I put / show / find …"). */
  private beforeThingVerb(tokens: Token[], item: Found): boolean {
    const clause = tokens[item.first]!.clause;
    // A filing verb in the where-phrase or in the words looked at makes it where to file: "where should we file if we want to
    // show …", "where does my site get filed".
    const end = Math.min(tokens.length - 1, item.last + THING_VERB_WINDOW);
    let thing = false;
    // Chinese comes a character a token: its verbs are found in the characters after the phrase, and the first one decides
    // (去哪里注销备案 cancels a filing; 能在北京备案吗 asks where to file).
    let hanAfter = '';
    for (let i = item.first; i <= end && tokens[i]!.clause === clause; i++) {
      const token = tokens[i]!;
      if (FILING_VERBS.has(token.norm)) return false;
      if (i > item.last && THING_VERBS.has(token.norm)) thing = true;
      if (token.han && i > item.last) hanAfter += token.norm;
    }
    if (thing) return true;
    // 把 or 将 puts the object before its verb: in 去哪儿把备案撤掉 the filing is what is withdrawn, not a verb.
    const verbs = hanAfter.replace(OBJECT_FIRST, '');
    return comesFirst(verbs, HAN_THING_VERBS, HAN_FILING_VERBS);
  }

  /** Whether an ask is said in words apart: one of its question words and one of its topic words near each other in a clause. */
  private asksApart(tokens: Token[], words: readonly { first: number; last: number; meanings: readonly Meaning[] }[], ask: Ask): boolean {
    const parts = (part: 'question' | 'topic') => words.filter((w) => w.meanings.some((m) => m.kind === 'askWord' && m.ask === ask && m.part === part));
    const topics = parts('topic');
    // "when can I submit the next one?" asks for a time, as "what can I name it?" asks for a thing.
    const questions = parts('question').filter((q) => ask !== 'can-apply' || !this.afterWhat(tokens, q, CAN_FOR_A_THING_WORDS));
    return questions.some((q) =>
      topics.some(
        (t) =>
          t !== q &&
          tokens[t.first]!.clause === tokens[q.first]!.clause &&
          (this.distance(tokens, q, t) <= this.lexicon.askWindow || this.canFrame(tokens, ask, q, t)) &&
          // After its topic, a question word asks about it only at the clause's end ("备案可以吗"): in "备案期间网站可以访问吗" it asks about visiting.
          (q.first > t.last ? endsClause(tokens, q.last) : true),
      ),
    );
  }

  /**
   * A Chinese yes/no question framed by its words, however far apart: 能/可以 opening the clause, the filing or the application
   * closing it (能用阿里云北京的服务器给个人博客备案吗, 我们可以拿香港公司的执照在深圳申请吗). Said inside a clause (…登记证可以当营业执照用来备案吗)
   * or of submitting (可以撤销后和新的一起提交吗), it asks about a thing, as an FAQ entry does. English says it in one phrase ("can we…").
   */
  private canFrame(tokens: Token[], ask: Ask, question: { first: number }, topic: { first: number; last: number }): boolean {
    if (ask !== 'can-apply' || !tokens[question.first]!.han || question.first >= topic.first || !endsClause(tokens, topic.last)) return false;
    const clause = tokens[question.first]!.clause;
    let start = question.first;
    while (start > 0 && tokens[start - 1]!.clause === clause) start--;
    const before = tokens.slice(start, question.first).map((t) => t.norm).join('');
    const said = tokens.slice(topic.first, topic.last + 1).map((t) => t.norm).join('');
    return CAN_FRAME_OPENERS.has(before) && CAN_FRAME_TOPICS.has(said);
  }

  /** Whether a provider is named as the one to file through: a filing-via word just before it, or (腾讯云备案) just after. */
  private isFilingVia(tokens: Token[], found: Found[], provider: Found): boolean {
    return found.some(
      (f) =>
        f.clause === provider.clause &&
        !f.negated &&
        f.meanings.some((m) => m.kind === 'filingVia' && (m.side === 'before' ? f.last < provider.first : f.first > provider.last)) &&
        this.distance(tokens, f, provider) <= this.lexicon.filingViaWindow,
    );
  }

  private providerName(id: HostingProviderId, script: 'en' | 'zh'): string {
    const names = this.lexicon.providerNames.get(id);
    return names ? names[script] : id;
  }

  /** Whether a provider is named for the domain: a domain word in its clause (in its part, past an "and") and no server word. */
  private isDomainClause(tokens: Token[], found: Found[], item: Found): boolean {
    const apart = (f: Found) => (f.first > item.last ? this.conjoined(tokens, item.last, f.first) : f.last < item.first && this.conjoined(tokens, f.last, item.first));
    const clause = found.filter((f) => f.clause === item.clause && !apart(f));
    const domain = clause.some((f) => f.meanings.some((m) => m.kind === 'topic' && m.topic === 'domain'));
    const server = clause.some((f) => f.meanings.some((m) => m.kind === 'role' && m.role === 'server' && !m.rightBefore));
    return domain && !server;
  }

  private entityOf(found: Found[], mentions: PlaceMention[], text: string, tokens: readonly Token[]): EntityType | undefined {
    // An organisation named that is not the speaker's is not who files: a school one studies at ("an international student at Wuhan
    // University", 武汉大学的留学生), a company still to be set up or not wanted ("we don't want to set up a company in China",
    // 不想在国内注册公司). Nor is "international" said of the student where no other organisation is named.
    const organisations = found.filter((f) => !f.negated && f.meanings.some((m) => m.kind === 'entity' && m.entity === 'mainland-organisation'));
    const notOwners = organisations.filter((f) => isPlaceOfStudy(text, tokens, f) || toBeSetUp(text, tokens, f));
    const stated = found.filter((f) => !f.negated && !notOwners.includes(f)).flatMap((f) => f.meanings.filter((m): m is Of<'entity'> => m.kind === 'entity'));
    const noOwnerNamed = notOwners.length > 0 && notOwners.length === organisations.length;
    const foreignOrigin = !noOwnerNamed && mentions.some((m) => m.role === 'companyOrigin' && !m.negated && m.province === 'outside-mainland');
    if (foreignOrigin || stated.some((m) => m.entity === 'foreign-enterprise')) return 'foreign-enterprise';
    // Company papers issued abroad ("an office in Shanghai but only German-issued papers", 公司文件都是德国出具的) are a foreign company's.
    const papersFromAbroad = found.some((f) => !f.negated && f.meanings.some((m) => m.kind === 'statement' && m.field === 'documentsIssuedOutsideMainland' && m.value));
    if (papersFromAbroad && !stated.some((m) => m.entity === 'individual')) return 'foreign-enterprise';
    // A company not registered in China ("no company registered in China", 没有在中国注册公司) is registered elsewhere.
    if (this.notRegisteredInChina(mentions) && !stated.some((m) => m.entity === 'individual')) return 'foreign-enterprise';
    const first = stated[0];
    if (!first) return undefined;
    const individual = stated.some((m) => m.entity === 'individual');
    const organisation = stated.some((m) => m.entity === 'mainland-organisation');
    if (individual && organisation) {
      // "personal and company filings" in one breath names two topics, not who the speaker is.
      const clauseOf = (entity: EntityType) => found.find((f) => !f.negated && f.meanings.some((m) => m.kind === 'entity' && m.entity === entity))?.clause;
      if (clauseOf('individual') === clauseOf('mainland-organisation')) return undefined;
      return first.entity;
    }
    // "Can I use my personal filing for a company website?": an organisation's site beside the person, in one clause, names two
    // topics as well.
    if (individual) {
      const clause = found.find((f) => !f.negated && f.meanings.some((m) => m.kind === 'entity' && m.entity === 'individual'))?.clause;
      const organisationSite = found.some(
        (f) => f.clause === clause && !f.negated && f.meanings.some((m) => m.kind === 'siteKind') && ORGANISATION_SITE.test(tokens.slice(f.first, f.last + 1).map((t) => t.norm).join(' ')),
      );
      if (organisationSite) return undefined;
    }
    return individual ? 'individual' : 'mainland-organisation';
  }

  /**
   * "We are a mainland company", 我们是大陆公司: a company in the mainland said by the speaker of itself, with nothing foreign named,
   * is a mainland organisation, not a foreign company's presence there.
   */
  private mainlandSaidOfItself(tokens: readonly Token[], found: readonly Found[], mentions: readonly PlaceMention[]): boolean {
    if (mentions.some((m) => !m.negated && m.province === 'outside-mainland')) return false;
    const presences = found.filter((f) => f.meanings.some((m) => m.kind === 'presence'));
    if (presences.some((f) => f.negated || f.meanings.some((m) => m.kind === 'presence' && m.value !== 'mainland-branch'))) return false;
    return presences.some((f) => this.saidOfItself(tokens, f.first));
  }

  /** Whether "we are", "I am" (我们是, 我是) stands shortly before a token in its clause ("we're a small mainland company"). */
  private saidOfItself(tokens: readonly Token[], first: number): boolean {
    return someBefore(tokens, first, OURS_WINDOW, (i) => {
      const word = tokens[i]!.norm;
      const before = tokens[i - 1]?.norm ?? '';
      // "we're" and "i'm" come as one word each ("were", "im").
      return word === 'were' || word === 'im' || (word === 'are' && before === 'we') || (word === 'am' && before === 'i') || (word === '是' && (before === '们' || before === '我'));
    });
  }

  /** Whether "our" or "my" (我们, 我们的, 公司) stands shortly before a token in its clause, a place name between them allowed ("our Beijing office"). */
  private saidAsOurs(tokens: readonly Token[], first: number): boolean {
    return someBefore(tokens, first, OURS_WINDOW, (i) => {
      const word = tokens[i]!.norm;
      return word === 'our' || word === 'my' || ((word === '我' || word === '公') && ['们', '司'].includes(tokens[i + 1]?.norm ?? ''));
    });
  }

  private notRegisteredInChina(mentions: readonly PlaceMention[]): boolean {
    return mentions.some((m) => m.role === 'licenceProvince' && m.negated && m.province === 'mainland');
  }

  /** Whether a word for the past stands shortly before a token, in its clause ("originally on Aliyun", 原来在阿里云, 之前在腾讯云). */
  private saidBefore(tokens: readonly Token[], first: number): boolean {
    // 原来, 原先, 之前, 以前: two characters, the first of which is enough only with its second.
    return someBefore(tokens, first, MOVE_WINDOW, (i) => PREVIOUSLY.has(tokens[i]!.norm) && (!tokens[i]!.han || ['来', '先', '前'].includes(tokens[i + 1]?.norm ?? '')));
  }

  /** Whether a site or domain is named as one more ("another website", "a second domain", 再加个域名, 又买了个新域名). */
  private addsASite(tokens: Token[], found: Found[]): boolean {
    return found.some((site) => {
      if (site.negated || !site.meanings.some((m) => m.kind === 'topic' && m.topic === 'site')) return false;
      // Chinese characters count half, as everywhere words are measured apart: 新买了一个域名.
      for (let i = site.first - 1; i >= 0 && this.distance(tokens, { first: i, last: i }, site) <= ADDED_WINDOW; i--) {
        if (tokens[i]!.clause !== tokens[site.first]!.clause) return false;
        if (ADDED.has(tokens[i]!.norm)) return true;
      }
      return false;
    });
  }

  private numberOfSites(tokens: Token[], found: Found[]): number | undefined {
    for (const site of found) {
      if (!site.meanings.some((m) => m.kind === 'topic' && m.topic === 'site')) continue;
      // "再加一个域名", "另一个网站": one more site, not how many there are.
      const before = found.filter((f) => f.last < site.first && f.clause === site.clause && this.distance(tokens, f, site) <= 2 && !ONE_MORE.has(tokens[f.first - 1]?.norm ?? ''));
      const number = before.flatMap((f) => f.meanings).find((m): m is Of<'number'> => m.kind === 'number');
      if (number) return number.value;
      for (let i = site.first - 1; i >= 0 && site.first - i <= 2; i--) {
        if (/^\d+$/.test(tokens[i]!.norm)) {
          const n = Number(tokens[i]!.norm);
          return n >= 1 && n <= 1000 ? n : undefined;
        }
      }
    }
    return undefined;
  }

  private cdnAndDomain(tokens: Token[], found: Found[], mentions: PlaceMention[], profile: Record<string, unknown>): void {
    const field = (name: StatementField | 'domainRegisteredInMainland', value: boolean): void => {
      profile[name] ??= value;
    };
    for (const mention of mentions) {
      if (mention.role !== 'cdn' && mention.role !== 'domain') continue;
      const mainland = mention.province !== 'outside-mainland';
      // "No CDN, just Hong Kong", 不用CDN直接香港的: the negation is the CDN's, and the place abroad is the server's, not where a CDN is not.
      if (mention.role === 'cdn' && mention.negated && !mainland) continue;
      field(mention.role === 'cdn' ? 'mainlandCdn' : 'domainRegisteredInMainland', mention.negated ? !mainland : mainland);
    }
    for (const item of found) {
      for (const meaning of item.meanings) {
        if (meaning.kind === 'topic' && meaning.topic === 'cdn' && item.negated) field('mainlandCdn', false);
        if (meaning.kind === 'registrar' && !item.negated && (!meaning.onlyInDomainClause || this.isDomainClause(tokens, found, item))) {
          field('domainRegisteredInMainland', meaning.mainland);
        }
      }
    }
    // A provider that also sells domains says where the domain is only when no registrar is named: in "can Tencent Cloud file
    // it if my domain is from Namecheap", Tencent Cloud is not the registrar.
    for (const item of found) {
      for (const meaning of item.meanings) {
        if (meaning.kind === 'provider' && meaning.registrar && this.isDomainClause(tokens, found, item)) field('domainRegisteredInMainland', meaning.registrar === 'mainland');
      }
    }
  }
}

/** A message read once: its facts, and the message without the words of its case (see {@link FactReader.readMessage}). */
export interface MessageReading {
  facts: Facts;
  withoutCase(only?: Blanked): string;
}

/** What {@link FactReader.withoutCase} blanks besides the whole case: only the hosts' names, or the guide's words too. */
export type Blanked = 'hosts' | 'guide';

/** See {@link FactReader.withoutCase}: the text with the phrases of the case (or of hosts alone), and the spans given, blanked out. */
function blankedCase(text: string, tokens: readonly Token[], found: readonly Found[], only: Blanked | undefined, spans: readonly { first: number; last: number }[]): string {
  const kinds = only === 'hosts' ? HOST_KINDS : CASE_KINDS;
  let out = text;
  const blank = (item: { first: number; last: number }) => {
    const start = tokens[item.first]!.start;
    const end = tokens[item.last]!.end;
    out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  };
  for (const item of found) if (item.meanings.some((m) => kinds.has(m.kind))) blank(item);
  for (const span of spans) blank(span);
  return out.replace(/\s+/gu, ' ').trim();
}

/** A question mark, of either width. */
const QUESTION_MARK = /[?？]/u;
/** What ends a sentence, of either width: a question mark, an exclamation mark, or a full stop (a '.' followed by a space or the end). */
const SENTENCE_END = /[?？!！。]|\.(?=\s|$)/u;

/** Whether the sentence that goes on at `from` ends as a statement, by a full stop or an exclamation mark rather than a question mark or the end. */
function inStatement(text: string, from: number): boolean {
  const end = SENTENCE_END.exec(text.slice(from));
  return end !== null && !QUESTION_MARK.test(end[0]);
}

/** Whether a Chinese need-cue that names no filing itself is followed in its clause by a verb of a step before any filing verb ({@link HAN_STEP_VERBS}). */
/**
 * Whether 哪家 asks which host to buy from or which is better, not through whom to file: after a verb of buying or choosing in its
 * clause (服务器买哪家的, 选哪家), or before a word that compares (哪家好, 哪家便宜, 哪家比较靠谱). Grammar, not product vocabulary.
 */
function choosingAHost(tokens: readonly Token[], item: Found): boolean {
  const cue = tokens.slice(item.first, item.last + 1).map((token) => token.norm).join('');
  if (cue !== '哪家') return false;
  const clause = tokens[item.first]!.clause;
  let before = '';
  for (let i = item.first - 1; i >= 0 && tokens[i]!.clause === clause && tokens[i]!.han; i--) before = tokens[i]!.norm + before;
  let after = '';
  for (let i = item.last + 1; i < tokens.length && tokens[i]!.clause === clause && tokens[i]!.han; i++) after += tokens[i]!.norm;
  // 选哪家备案 still asks through whom to file.
  if (HAN_FILING_AFTER_WHICH.some((verb) => after.includes(verb))) return false;
  return HAN_CHOOSING_VERBS.some((verb) => before.includes(verb)) || HAN_COMPARING_WORDS.some((word) => after.replace(/^(的|服务器|云|比较|更|最)+/u, '').startsWith(word));
}

/** Verbs of filing, which after 哪家 make it ask through whom (see {@link choosingAHost}). */
const HAN_FILING_AFTER_WHICH = ['备案', '办', '提交', '申请', '接入'];

/** Words of studying somewhere, before "at" or "in" and the school ("a student at …"): grammar of a place of study, not an owner. */
const STUDY_WORDS = new Set(['study', 'studies', 'studying', 'studied', 'student', 'students', 'enrolled', 'phd', 'undergraduate', 'postgraduate', 'exchange']);
/** Before a school, the word that makes it where one studies ("a student at …"). */
const AT_WORDS = new Set(['at', 'in']);
/** How many tokens "at" may stand before the school's word ("at Wuhan University", "at a university"). */
const AT_WINDOW = 4;
/** After a school's name in Chinese: one of its students (的留学生, 的研究生) or studying there (读书, 上学). */
const HAN_SCHOOL_AFTER = /^\s*(?:的(?:留学生|学生|研究生|博士生|本科生|交换生)|里?(?:读书|上学|念书|留学|读研|读博))/u;

/**
 * Whether an organisation named is where the speaker studies rather than who files: "an international student at Wuhan
 * University", 我是武汉大学的留学生. (Where one works is not so: "I work for a German company, we want a site" speaks for it.)
 */
function isPlaceOfStudy(text: string, tokens: readonly Token[], f: Found): boolean {
  const last = tokens[f.last]!;
  if (last.han) return HAN_SCHOOL_AFTER.test(text.slice(last.end));
  const clause = tokens[f.first]!.clause;
  for (let i = f.first - 1; i >= 0 && i >= f.first - AT_WINDOW && tokens[i]!.clause === clause; i--) {
    if (!AT_WORDS.has(tokens[i]!.norm)) continue;
    for (let j = i - 1; j >= 0 && tokens[j]!.clause === clause; j--) if (STUDY_WORDS.has(tokens[j]!.norm)) return true;
    return false;
  }
  return false;
}

/** Words that wish for a thing, before the site wished for ("we want a site", "we'd like a Chinese version of our website"). */
const WISH_WORDS = new Set(['want', 'wants', 'wanted', 'wanna', 'planning', 'plan', 'plans', 'hoping', 'hope']);
/** "like" wishes only after "would" ("we'd like", "I would like"). */
const WOULD_WORDS = new Set(['would', 'wed', 'id', 'd']);
/** How many words the wish may stand before the site's word ("want a small Chinese-language site"). */
const WISH_WINDOW = 7;
/** Before a site's word in Chinese, in its clause: a wish (想, 打算, 准备, 计划) and what may come between (做个中文). */
const HAN_WISH_BEFORE = /(?:想|打算|准备|计划)[^，。,.!?！？]{0,8}$/u;

/**
 * The spans of a text that wish for a site, from the wish to the site's word: "we want a site for Chinese customers", 想做个网站.
 * A site negated ("we don't want a site") is none.
 */
function siteWishes(text: string, tokens: readonly Token[], found: readonly Found[]): { first: number; last: number }[] {
  const sites = found.filter((f) => !f.negated && f.meanings.some((m) => m.kind === 'siteKind' || (m.kind === 'topic' && m.topic === 'site')));
  const spans: { first: number; last: number }[] = [];
  for (const site of sites) {
    const first = tokens[site.first]!;
    if (first.han) {
      const before = text.slice(0, first.start);
      const wish = HAN_WISH_BEFORE.exec(before);
      if (wish) spans.push({ first: tokens.findIndex((t) => t.start >= wish.index), last: site.last });
      continue;
    }
    for (let i = site.first - 1; i >= 0 && i >= site.first - WISH_WINDOW && tokens[i]!.clause === first.clause; i--) {
      const word = tokens[i]!.norm;
      if (WISH_WORDS.has(word) || (word === 'like' && WOULD_WORDS.has(tokens[i - 1]?.norm ?? ''))) {
        spans.push({ first: i, last: site.last });
        break;
      }
    }
  }
  return spans;
}

/** Verbs that set up an organisation ("set up", "register", "open"), and what makes it one still to be set up ("to …", "don't …"). */
const SET_UP_WORDS = new Set(['set', 'setup', 'establish', 'incorporate', 'register', 'open', 'form', 'start', 'found']);
const NOT_YET_WORDS = new Set(['to', 'dont', 'don', 'not', 'never', 'without', 'cannot', 'cant']);
/** How many tokens the verb may stand before the organisation's word ("set up a small company"). */
const SET_UP_WINDOW = 4;
/** Before an organisation in Chinese: setting it up, wished, needed or refused (不想…注册, 需要成立, 要开个). */
const HAN_TO_SET_UP = /(?:不想|不用|不需要|不打算|不愿意|需要|得|必须|要|想|打算)[^，。,.]{0,12}(?:注册|成立|设立|开)[一个家间]{0,2}$/u;

/**
 * Whether an organisation named is one still to be set up, or not wanted, rather than who files: "we don't want to set up a
 * company in China just for a website", "do we need to register a company?", 不想为了一个网站在国内注册公司. ("We set up a WFOE
 * last year" has one.)
 */
function toBeSetUp(text: string, tokens: readonly Token[], f: Found): boolean {
  const first = tokens[f.first]!;
  if (first.han) return HAN_TO_SET_UP.test(text.slice(0, first.start));
  for (let i = f.first - 1; i >= 0 && i >= f.first - SET_UP_WINDOW && tokens[i]!.clause === first.clause; i--) {
    const word = tokens[i]!.norm;
    if (!SET_UP_WORDS.has(word) || (word === 'set' && tokens[i + 1]?.norm !== 'up')) continue;
    return NOT_YET_WORDS.has(tokens[i - 1]?.norm ?? '');
  }
  return false;
}

/** The verb of doing, in the guide's words that ask what to do ("what do we need to do?", 需要做什么): grammar. */
const DOING_WORDS = new Set(['do', '做', '干']);

/** Verbs of buying or choosing a host (see {@link choosingAHost}). */
const HAN_CHOOSING_VERBS = ['买', '选', '挑', '租', '购'];
/** Words that compare hosts (see {@link choosingAHost}). */
const HAN_COMPARING_WORDS = ['好', '便宜', '划算', '靠谱', '稳定', '快', '推荐', '实惠'];

function beforeHanStepVerb(tokens: readonly Token[], item: Found): boolean {
  const cue = tokens.slice(item.first, item.last + 1);
  if (!cue.every((token) => token.han) || HAN_NEED_FILING_VERBS.some((verb) => cue.some((token) => verb.includes(token.norm)))) return false;
  const clause = tokens[item.last]!.clause;
  let after = '';
  for (let i = item.last + 1; i < tokens.length && i <= item.last + THING_VERB_WINDOW && tokens[i]!.clause === clause; i++) after += tokens[i]!.norm;
  return comesFirst(after, HAN_STEP_VERBS, HAN_NEED_FILING_VERBS);
}

/** The last words of an English need-cue that may name what is needed after them ("do I need a work permit"). */
const NEED_VERBS = new Set(['need', 'needs', 'require', 'requires']);
/** Words that open a thing needed ("a work permit"), and words that end it ("… to work in …"): grammar. */
const NEED_OPENERS = new Set(['a', 'an', 'the', 'any', 'some', 'my', 'our', 'another', 'extra', 'additional', 'separate', 'new']);
const NEED_OBJECT_ENDS = new Set(['to', 'for', 'in', 'on', 'at', 'if', 'when', 'before', 'after', 'or', 'and', 'with', 'from', 'because', 'so', 'first', 'too', 'as', 'of']);
/** Words that make the thing needed the filing itself, or stand for it ("do I need one"). */
const NEED_FILING_WORDS = new Set(['icp', 'beian', 'filing', 'filings', 'file', 'registration', 'record', 'it', 'one', 'this', 'that', 'them']);
/** How many words the thing needed may have. */
const NEED_OBJECT_WORDS = 4;

/**
 * Whether an English need-cue is followed in its clause by a thing, opened by an article or a possessive, that is not the filing
 * ("do I need a work permit", "a server in China", "the commercial license"). Without an opener the words are not read: a typo
 * of the filing ("do i need benian") is not told from another thing.
 */
function needsAnotherThing(tokens: readonly Token[], item: Found): boolean {
  if (!NEED_VERBS.has(tokens[item.last]!.norm)) return false;
  const clause = tokens[item.last]!.clause;
  const opener = tokens[item.last + 1];
  if (opener === undefined || opener.clause !== clause || !NEED_OPENERS.has(opener.norm)) return false;
  const words: string[] = [];
  for (let i = item.last + 2; i < tokens.length && tokens[i]!.clause === clause && !tokens[i]!.han && words.length < NEED_OBJECT_WORDS; i++) {
    if (NEED_OBJECT_ENDS.has(tokens[i]!.norm)) break;
    words.push(tokens[i]!.norm);
  }
  return words.length > 0 && !words.some((word) => NEED_FILING_WORDS.has(word));
}

/**
 * Whether a country with 人 after it ends its clause (or a space follows, typed for a comma) and says who the speaker is: a clause
 * of its own (我是留学生，韩国人) or one that begins with 我是 (我是留学生 韩国人 在北京读书). Not the people a site is for
 * (网站卖东西给韩国人) nor anyone else's (我朋友是韩国人).
 */
function nationalOfSpeaker(tokens: readonly Token[], place: Found): boolean {
  const person = tokens[place.last + 1];
  if (person?.norm !== '人' || !person.han || person.clause !== tokens[place.first]!.clause) return false;
  const after = tokens[place.last + 2];
  if (after !== undefined && after.clause === person.clause && !spaceInChinese(tokens, place.last + 1)) return false;
  const start = tokens.findIndex((t) => t.clause === person.clause);
  if (start === place.first) return true;
  return tokens[start]?.norm === '我' && tokens[start + 1]?.norm === '是';
}

/** Whether the words before a nationality say it of the speaker: "I'm a Canadian", "I am Australian", "as a German". */
function saidOfSpeaker(tokens: readonly Token[], first: number): boolean {
  const word = (back: number) => tokens[first - back]?.norm;
  const article = word(1) === 'a' || word(1) === 'an' ? 1 : 0;
  const verb = word(1 + article);
  return verb === 'im' || verb === 'as' || (verb === 'am' && word(2 + article) === 'i');
}

/** A word of doing without the filing: running the site so asks whether one is needed. */
const WITHOUT_WORDS = new Set(['without']);
/**
 * Verbs of keeping a site open or running it, which after a can-cue, in a clause that names the site, ask whether the site may
 * do that, not whether one can apply ("can my site stay online while the filing is reviewed?", 备案期间网站能不能先开着; "can we
 * run the filing through Aliyun?" names no site): grammar, not product vocabulary.
 */
const RUN_VERBS = new Set(['stay', 'keep', 'remain', 'open', 'launch', 'run', 'operate', 'continue', 'online', 'live']);
const HAN_RUN_VERBS = ['开着', '先开', '上线', '访问', '打开', '运行', '运营', '保持', '继续开'];
/** Words for the site that such a clause names. */
const SITE_WORDS = new Set(['site', 'website', 'sites', 'websites', 'blog', 'shop', 'store', 'page', 'homepage']);
const HAN_SITE_WORDS = ['网站', '站点', '网页', '博客', '商城', '官网'];
/** How many words after a can-cue its verb is looked for ("can our company website stay …"). */
const RUN_VERB_WINDOW = 4;
/** A comma between two clauses: they are parts of one sentence. */
const COMMAS = /^[\s,，]*[,，][\s,，]*$/u;

/**
 * Whether a can-cue is followed in its clause by a verb of running the site ({@link RUN_VERBS}) before any filing verb, in a clause
 * that names the site, or after one that does and a comma ("our website is under review, can we keep it open?", 网站在审核期间，能不能先让客户访问).
 */
function beforeRunVerb(text: string, tokens: readonly Token[], item: Found): boolean {
  const clause = tokens[item.last]!.clause;
  if (!namesSite(tokens, clause) && !(commaBefore(text, tokens, clause) && namesSite(tokens, clause - 1))) return false;
  // The cue's own characters count: in 网站能开着吗 the cue 能开 holds half of 开着.
  let han = tokens
    .slice(item.first, item.last + 1)
    .filter((token) => token.han)
    .map((token) => token.norm)
    .join('');
  for (let i = item.last + 1; i < tokens.length && i <= item.last + THING_VERB_WINDOW && tokens[i]!.clause === clause; i++) {
    const token = tokens[i]!;
    if (token.han) {
      han += token.norm;
      continue;
    }
    if (i > item.last + RUN_VERB_WINDOW || FILING_VERBS.has(token.norm)) break;
    if (RUN_VERBS.has(token.norm)) return true;
  }
  return comesFirst(han, HAN_RUN_VERBS, HAN_NEED_FILING_VERBS);
}

/** Whether a clause names a site ({@link SITE_WORDS}, {@link HAN_SITE_WORDS}). */
function namesSite(tokens: readonly Token[], clause: number): boolean {
  const inClause = tokens.filter((token) => token.clause === clause);
  const han = inClause.filter((token) => token.han).map((token) => token.norm).join('');
  return inClause.some((token) => SITE_WORDS.has(token.norm)) || HAN_SITE_WORDS.some((word) => han.includes(word));
}

/** Whether a clause follows another after a comma: both are parts of one sentence. */
function commaBefore(text: string, tokens: readonly Token[], clause: number): boolean {
  const first = tokens.findIndex((token) => token.clause === clause);
  return first > 0 && tokens[first - 1]!.clause === clause - 1 && COMMAS.test(text.slice(tokens[first - 1]!.end, tokens[first]!.start));
}

/** Whether a word of `these` occurs in Chinese characters before any word of `those` (and one occurs at all). */
function comesFirst(characters: string, these: readonly string[], those: readonly string[]): boolean {
  const first = (list: readonly string[]) => Math.min(...list.map((word) => characters.indexOf(word)).filter((at) => at >= 0));
  return first(these) < first(those);
}
