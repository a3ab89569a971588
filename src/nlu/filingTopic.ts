/**
 * The words that make a message about ICP filing: the filing itself and the names of its own
 * institutions and objects. Other topics share many words with the entries ("how much does
 * bandwidth cost", "how long does trademark registration take"); a message with none of these
 * words is about something else unless an entry explains it fully.
 */
import type { Language } from '../lexicon.js';
import type { NormalizedText, Normalizer } from './normalize.js';

/** The filing itself: filing, ICP, 备案 (and its synonyms: beian, record …), "unfiled"; 备 on its own is the verb (能备几个网站, 备过一个). */
const FILING_NAMES = ['filing', 'icp', 'unfiled', '备'];
/** The filing's name in each language, which a follow-up in a conversation about filing is read with (see {@link FilingTopic.named}). */
const FILING_NAME: Readonly<Record<Language, string>> = { en: 'filing', 'zh-CN': '备案' };
/** A licence, permit or approval, an application: filing-like, though it may be of another kind. */
const FILING_LIKE = ['licence', 'license', 'permit', 'approval', 'approve', 'application', 'apply', 'submit', '许可', '审批', '资质', '申请'];
/**
 * The filing's institutions and objects, in both languages: the (communications) administration, the filing entity and its
 * sponsoring organisation, the number it gives ("does the number ever need renewing?"), access, the verification form, the person
 * in charge, the service code, the website name (a field of the filing with rules of its own: 公司网站名能用纯英文吗), an empty filing.
 */
const FILING_OBJECTS = [
  'miit',
  'guanju',
  'administration',
  'entity',
  'number',
  'person in charge',
  'service code',
  'website name',
  'site name',
  '管局',
  '工信部',
  '通信管理局',
  '主体',
  '主办单位',
  '接入',
  '核验',
  '负责人',
  '服务码',
  '网站名',
  '空壳',
];
/** "Register" is about filing only when what is registered is a website: not a company, a trademark or capital. */
const REGISTER = 'register';
/** Things registered other than a website: with one of them, "register" is not about filing ("register my brand as a trademark before launching the website"). */
const REGISTERED_OTHERWISE = ['trademark', 'brand', 'capital', 'visa', '商标'];
const WEBSITE = ['website', 'site', 'blog', 'page'];

/**
 * Words as the matcher reads them: a word of one term (an English word, a synonym group, a pair of Chinese characters), or a longer
 * word by all of its terms together: 服务码 is found where 服务 and 务码 both are, not in every 服务器; "service code" where both
 * words are, not in "discount code".
 */
class Words {
  constructor(
    readonly single: ReadonlySet<string>,
    private readonly compounds: readonly (readonly string[])[],
  ) {}

  /** Whether normalised terms hold one of the words. */
  foundIn(terms: readonly string[]): boolean {
    return terms.some((term) => this.single.has(term)) || this.compounds.some((pairs) => pairs.every((pair) => terms.includes(pair)));
  }

  /** These words and those. */
  and(other: Words): Words {
    return new Words(new Set([...this.single, ...other.single]), [...this.compounds, ...other.compounds]);
  }
}

export class FilingTopic {
  private readonly names: Words;
  private readonly own: Words;
  private readonly filing: Words;
  private readonly register: string;
  private readonly website: Words;
  private readonly otherwise: Words;
  /** {@link FILING_NAME} as the matcher reads it, once. */
  private readonly name: Readonly<Record<Language, NormalizedText>>;

  constructor(private readonly normalizer: Normalizer) {
    this.names = this.wordsOf(FILING_NAMES);
    this.own = this.names.and(this.wordsOf(FILING_OBJECTS));
    this.filing = this.own.and(this.wordsOf(FILING_LIKE));
    this.register = [...this.wordsOf([REGISTER]).single][0]!;
    this.website = this.wordsOf(WEBSITE);
    this.otherwise = this.wordsOf(REGISTERED_OTHERWISE);
    this.name = { en: normalizer.read(FILING_NAME.en), 'zh-CN': normalizer.read(FILING_NAME['zh-CN']) };
  }

  /**
   * A text's reading as if it also named the filing, once: a follow-up in a conversation about filing ("what about the first step?",
   * 那要多久) asks about the filing that the conversation is on. Each language by its own word, as its entries are indexed.
   */
  named(normalized: NormalizedText, language: Language): NormalizedText {
    const name = this.name[language];
    if (name.terms.every((term) => normalized.terms.includes(term))) return normalized;
    return {
      tokens: [...normalized.tokens, ...name.tokens],
      terms: [...normalized.terms, ...name.terms.filter((term) => !normalized.terms.includes(term))],
    };
  }

  /** Whether normalised terms speak of filing, a licence, a permit or the filing's own institutions and objects. */
  speaksOf(terms: readonly string[]): boolean {
    return this.filing.foundIn(terms) || this.registersWebsite(terms);
  }

  /** Whether normalised terms name the filing or its own institutions and objects: not a licence, permit or application, which may be of another kind. */
  isAbout(terms: readonly string[]): boolean {
    return this.own.foundIn(terms) || this.registersWebsite(terms);
  }

  /** Whether every one of the normalised terms names the filing itself ("icp", "filing", 备案), and there is one. */
  namesOnlyFiling(terms: readonly string[]): boolean {
    return terms.length > 0 && terms.every((term) => this.names.single.has(term));
  }

  /** Whether normalised terms name the filing itself, not only a licence or permit that may be of another kind. */
  namesFiling(terms: readonly string[]): boolean {
    return this.names.foundIn(terms) || this.registersWebsite(terms);
  }

  private registersWebsite(terms: readonly string[]): boolean {
    return terms.includes(this.register) && this.website.foundIn(terms) && !this.otherwise.foundIn(terms);
  }

  /** Each word as the matcher normalises it; a Chinese word by its character pairs, as the matcher indexes it. */
  private wordsOf(words: readonly string[]): Words {
    const single = new Set<string>();
    const compounds: string[][] = [];
    for (const word of words) {
      const terms = this.normalizer.terms(word);
      const pairs = terms.filter((term) => term.startsWith('~'));
      const parts = pairs.length > 0 ? pairs : terms;
      if (parts.length > 1) compounds.push(parts);
      else if (parts.length === 1) single.add(parts[0]);
    }
    return new Words(single, compounds);
  }
}
