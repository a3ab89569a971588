/** Mainland China's 31 provincial-level divisions, and matching what a user types to one of them. */

/** Pinyin ids of the provincial-level divisions, the values the profile stores. */
export const PROVINCE_IDS = [
  'beijing',
  'tianjin',
  'hebei',
  'shanxi',
  'neimenggu',
  'liaoning',
  'jilin',
  'heilongjiang',
  'shanghai',
  'jiangsu',
  'zhejiang',
  'anhui',
  'fujian',
  'jiangxi',
  'shandong',
  'henan',
  'hubei',
  'hunan',
  'guangdong',
  'guangxi',
  'hainan',
  'chongqing',
  'sichuan',
  'guizhou',
  'yunnan',
  'xizang',
  'shaanxi',
  'gansu',
  'qinghai',
  'ningxia',
  'xinjiang',
] as const;

export type ProvinceId = (typeof PROVINCE_IDS)[number];

export type ProvinceKind = 'province' | 'municipality' | 'autonomous-region';

export interface Province {
  id: ProvinceId;
  kind: ProvinceKind;
  nameEn: string;
  /** The official Chinese name, with its 省 / 市 / 自治区 suffix. */
  nameZh: string;
  /** The Chinese name as people say it, without the suffix. */
  shortNameZh: string;
  /** Further Latin spellings people use (lowercase). */
  aliases: readonly string[];
}

export const PROVINCES: readonly Province[] = [
  { id: 'beijing', kind: 'municipality', nameEn: 'Beijing', nameZh: '北京市', shortNameZh: '北京', aliases: ['peking'] },
  { id: 'tianjin', kind: 'municipality', nameEn: 'Tianjin', nameZh: '天津市', shortNameZh: '天津', aliases: [] },
  { id: 'hebei', kind: 'province', nameEn: 'Hebei', nameZh: '河北省', shortNameZh: '河北', aliases: [] },
  { id: 'shanxi', kind: 'province', nameEn: 'Shanxi', nameZh: '山西省', shortNameZh: '山西', aliases: [] },
  {
    id: 'neimenggu',
    kind: 'autonomous-region',
    nameEn: 'Inner Mongolia',
    nameZh: '内蒙古自治区',
    shortNameZh: '内蒙古',
    aliases: ['nei menggu', 'nei mongol'],
  },
  { id: 'liaoning', kind: 'province', nameEn: 'Liaoning', nameZh: '辽宁省', shortNameZh: '辽宁', aliases: [] },
  { id: 'jilin', kind: 'province', nameEn: 'Jilin', nameZh: '吉林省', shortNameZh: '吉林', aliases: [] },
  { id: 'heilongjiang', kind: 'province', nameEn: 'Heilongjiang', nameZh: '黑龙江省', shortNameZh: '黑龙江', aliases: [] },
  { id: 'shanghai', kind: 'municipality', nameEn: 'Shanghai', nameZh: '上海市', shortNameZh: '上海', aliases: [] },
  { id: 'jiangsu', kind: 'province', nameEn: 'Jiangsu', nameZh: '江苏省', shortNameZh: '江苏', aliases: [] },
  { id: 'zhejiang', kind: 'province', nameEn: 'Zhejiang', nameZh: '浙江省', shortNameZh: '浙江', aliases: [] },
  { id: 'anhui', kind: 'province', nameEn: 'Anhui', nameZh: '安徽省', shortNameZh: '安徽', aliases: [] },
  { id: 'fujian', kind: 'province', nameEn: 'Fujian', nameZh: '福建省', shortNameZh: '福建', aliases: [] },
  { id: 'jiangxi', kind: 'province', nameEn: 'Jiangxi', nameZh: '江西省', shortNameZh: '江西', aliases: [] },
  { id: 'shandong', kind: 'province', nameEn: 'Shandong', nameZh: '山东省', shortNameZh: '山东', aliases: [] },
  { id: 'henan', kind: 'province', nameEn: 'Henan', nameZh: '河南省', shortNameZh: '河南', aliases: [] },
  { id: 'hubei', kind: 'province', nameEn: 'Hubei', nameZh: '湖北省', shortNameZh: '湖北', aliases: [] },
  { id: 'hunan', kind: 'province', nameEn: 'Hunan', nameZh: '湖南省', shortNameZh: '湖南', aliases: [] },
  { id: 'guangdong', kind: 'province', nameEn: 'Guangdong', nameZh: '广东省', shortNameZh: '广东', aliases: ['canton'] },
  {
    id: 'guangxi',
    kind: 'autonomous-region',
    nameEn: 'Guangxi',
    nameZh: '广西壮族自治区',
    shortNameZh: '广西',
    aliases: [],
  },
  { id: 'hainan', kind: 'province', nameEn: 'Hainan', nameZh: '海南省', shortNameZh: '海南', aliases: [] },
  { id: 'chongqing', kind: 'municipality', nameEn: 'Chongqing', nameZh: '重庆市', shortNameZh: '重庆', aliases: [] },
  { id: 'sichuan', kind: 'province', nameEn: 'Sichuan', nameZh: '四川省', shortNameZh: '四川', aliases: [] },
  { id: 'guizhou', kind: 'province', nameEn: 'Guizhou', nameZh: '贵州省', shortNameZh: '贵州', aliases: [] },
  { id: 'yunnan', kind: 'province', nameEn: 'Yunnan', nameZh: '云南省', shortNameZh: '云南', aliases: [] },
  { id: 'xizang', kind: 'autonomous-region', nameEn: 'Tibet', nameZh: '西藏自治区', shortNameZh: '西藏', aliases: ['xizang'] },
  { id: 'shaanxi', kind: 'province', nameEn: 'Shaanxi', nameZh: '陕西省', shortNameZh: '陕西', aliases: [] },
  { id: 'gansu', kind: 'province', nameEn: 'Gansu', nameZh: '甘肃省', shortNameZh: '甘肃', aliases: [] },
  { id: 'qinghai', kind: 'province', nameEn: 'Qinghai', nameZh: '青海省', shortNameZh: '青海', aliases: [] },
  {
    id: 'ningxia',
    kind: 'autonomous-region',
    nameEn: 'Ningxia',
    nameZh: '宁夏回族自治区',
    shortNameZh: '宁夏',
    aliases: [],
  },
  {
    id: 'xinjiang',
    kind: 'autonomous-region',
    nameEn: 'Xinjiang',
    nameZh: '新疆维吾尔自治区',
    shortNameZh: '新疆',
    aliases: [],
  },
];

/** Hong Kong, Macau and Taiwan are outside mainland China for ICP purposes, as is every other country. */
const OUTSIDE_PLACES_LATIN: readonly string[] = [
  'hong kong',
  'hongkong',
  'hk',
  'hksar',
  'macau',
  'macao',
  'taiwan',
  'taipei',
  'usa',
  'united states',
  'america',
  'canada',
  'mexico',
  'brazil',
  'uk',
  'united kingdom',
  'britain',
  'england',
  'london',
  'ireland',
  'germany',
  'frankfurt',
  'france',
  'paris',
  'netherlands',
  'amsterdam',
  'europe',
  'singapore',
  'japan',
  'tokyo',
  'korea',
  'seoul',
  'india',
  'mumbai',
  'indonesia',
  'jakarta',
  'thailand',
  'bangkok',
  'malaysia',
  'vietnam',
  'philippines',
  'australia',
  'sydney',
  'russia',
  'moscow',
  'dubai',
  'uae',
];

const OUTSIDE_PLACES_ZH: readonly string[] = [
  '香港',
  '澳门',
  '澳門',
  '台湾',
  '臺灣',
  '台灣',
  '美国',
  '加拿大',
  '英国',
  '德国',
  '法国',
  '荷兰',
  '欧洲',
  '新加坡',
  '日本',
  '韩国',
  '印度',
  '泰国',
  '马来西亚',
  '越南',
  '澳大利亚',
  '澳洲',
  '俄罗斯',
  '迪拜',
];

/** Words that say "not mainland China" whatever place follows them. */
const OUTSIDE_MARKERS_LATIN: readonly string[] = [
  'outside',
  'overseas',
  'abroad',
  'offshore',
  'foreign',
  'international',
  'non mainland',
  'not mainland',
  'not in china',
  'not in mainland',
];

const OUTSIDE_MARKERS_ZH: readonly string[] = ['海外', '国外', '境外', '外国', '大陆以外', '大陆之外', '非大陆'];

const MAINLAND_MARKERS_LATIN: readonly string[] = ['mainland', 'china', 'prc', 'chinese mainland'];

const MAINLAND_MARKERS_ZH: readonly string[] = ['中国', '大陆', '内地', '国内', '境内'];

/** Abbreviations that are also English words ("us"), recognised only when written in capitals or alone. */
const UPPERCASE_ONLY_ABBREVIATIONS: readonly string[] = ['US', 'EU'];

/** Words around a place name that say nothing about which place it is. */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'province',
  'provincial',
  'municipality',
  'city',
  'autonomous',
  'region',
  'zhuang',
  'hui',
  'uyghur',
  'uygur',
  'uighur',
  'sheng',
  'shi',
  'zizhiqu',
  'the',
  'of',
  'in',
  'im',
  'i',
  'am',
  'my',
  'is',
  'it',
  'from',
  'at',
  'live',
  'located',
]);

const HAN_SCRIPT = /\p{Script=Han}/u;

/** Lowercases, drops accents, turns punctuation and hyphens into spaces, so "Guăngdōng  Province!" becomes "guangdong province". */
function normaliseLatin(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of the text without the generic ones ("province", "in", …). */
function meaningfulTokens(text: string): string[] {
  return normaliseLatin(text)
    .split(' ')
    .filter((token) => token.length > 0 && !GENERIC_WORDS.has(token));
}

/**
 * The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost 1, because those are the slips people make when typing a name.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        distance[i - 1]![j]! + 1,
        distance[i]![j - 1]! + 1,
        distance[i - 1]![j - 1]! + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, distance[i - 2]![j - 2]! + 1);
      }
      distance[i]![j] = best;
    }
  }
  return distance[a.length]![b.length]!;
}

/**
 * How many slips a name of this length tolerates. Five-letter names tolerate none, because
 * Hebei/Hubei and Henan/Hunan are one letter apart and ordinary words ("human") sit one slip away.
 */
function allowedSlips(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

/** Each province's Latin spellings with spaces removed ("innermongolia", "neimenggu"). */
const LATIN_SPELLINGS: ReadonlyArray<{ spelling: string; id: ProvinceId }> = PROVINCES.flatMap((province) =>
  [province.id, province.nameEn.toLowerCase(), ...province.aliases].map((name) => ({
    spelling: name.replace(/\s+/g, ''),
    id: province.id,
  })),
);

/** Every province named exactly in the text, in Chinese or Latin letters. */
function provincesNamedExactly(text: string): Set<ProvinceId> {
  const found = new Set<ProvinceId>();
  if (HAN_SCRIPT.test(text)) {
    for (const province of PROVINCES) {
      if (text.includes(province.shortNameZh)) found.add(province.id);
    }
  }
  const tokens = meaningfulTokens(text);
  // Single words and pairs of neighbouring words, so "shang hai" and "inner mongolia" match too.
  const phrases = [...tokens, ...tokens.slice(1).map((token, i) => tokens[i] + token)];
  for (const phrase of phrases) {
    for (const { spelling, id } of LATIN_SPELLINGS) {
      if (phrase === spelling) found.add(id);
    }
  }
  return found;
}

/**
 * The one province a short answer misspells, when exactly one is closest within the allowed slips.
 * Only short answers are tried: inside a sentence, ordinary words ("human", "china") sit too close to names.
 */
function provinceMisspelled(text: string): ProvinceId | undefined {
  const tokens = meaningfulTokens(text);
  if (tokens.length === 0 || tokens.length > 3) return undefined;
  const attempt = tokens.join('');
  let best: { distance: number; ids: Set<ProvinceId> } = { distance: Number.POSITIVE_INFINITY, ids: new Set() };
  for (const { spelling, id } of LATIN_SPELLINGS) {
    const distance = editDistance(attempt, spelling);
    if (distance > allowedSlips(Math.min(attempt.length, spelling.length))) continue;
    if (distance < best.distance) best = { distance, ids: new Set([id]) };
    else if (distance === best.distance) best.ids.add(id);
  }
  return best.ids.size === 1 ? [...best.ids][0] : undefined;
}

/**
 * The province a user's answer names: English ("Inner Mongolia"), Chinese with or without suffix
 * ("广东", "广东省"), pinyin ("guangdong", "shang hai"), in any case, with a slip or two in longer
 * names ("guangdon", "Shangai"). Undefined when no province, or more than one, is named.
 */
export function matchProvince(text: string): ProvinceId | undefined {
  const named = provincesNamedExactly(text);
  if (named.size === 1) return [...named][0];
  if (named.size > 1) return undefined;
  return provinceMisspelled(text);
}

/** The province with this id. */
export function provinceById(id: ProvinceId): Province {
  const province = PROVINCES.find((candidate) => candidate.id === id);
  if (province === undefined) throw new Error(`provinceById(): unknown province id "${id}"`);
  return province;
}

export type Region = 'mainland' | 'outside-mainland';

function containsPhrase(normalised: string, phrase: string): boolean {
  return ` ${normalised} `.includes(` ${phrase} `);
}

function namesOutsidePlace(text: string): boolean {
  const normalised = normaliseLatin(text);
  if (OUTSIDE_PLACES_ZH.some((place) => text.includes(place))) return true;
  if (OUTSIDE_MARKERS_ZH.some((marker) => text.includes(marker))) return true;
  if (OUTSIDE_PLACES_LATIN.some((place) => containsPhrase(normalised, place))) return true;
  if (OUTSIDE_MARKERS_LATIN.some((marker) => containsPhrase(normalised, marker))) return true;
  const words = text.split(/[^A-Za-z]+/);
  if (UPPERCASE_ONLY_ABBREVIATIONS.some((abbreviation) => words.includes(abbreviation))) return true;
  return UPPERCASE_ONLY_ABBREVIATIONS.some((abbreviation) => normalised === abbreviation.toLowerCase());
}

function namesMainland(text: string): boolean {
  const normalised = normaliseLatin(text);
  if (MAINLAND_MARKERS_ZH.some((marker) => text.includes(marker))) return true;
  return MAINLAND_MARKERS_LATIN.some((marker) => containsPhrase(normalised, marker));
}

/**
 * Whether a place the user names ("Hong Kong", "US", "海外", "Shanghai", "mainland China") is in
 * mainland China or outside it for ICP purposes. Hong Kong, Macau and Taiwan are outside.
 * Undefined when the text names no place, or names places on both sides ("Shanghai or Singapore").
 */
export function matchRegion(text: string): Region | undefined {
  const outside = namesOutsidePlace(text);
  const province = provincesNamedExactly(text).size > 0;
  if (outside && province) return undefined;
  if (outside) return 'outside-mainland';
  if (province || namesMainland(text)) return 'mainland';
  return provinceMisspelled(text) === undefined ? undefined : 'mainland';
}
