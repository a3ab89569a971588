/**
 * The words that make a message about ICP filing: the filing itself and the names of its own
 * institutions and objects. Other topics share many words with the entries ("how much does
 * bandwidth cost", "how long does trademark registration take"); a message with none of these
 * words is about something else unless an entry explains it fully.
 */
import type { Normalizer } from './normalize.js';

/** The filing itself: filing, ICP, 备案 (and its synonyms: beian, record …). */
const FILING_NAMES = ['filing', 'icp'];
/** A licence, permit or approval, an application: filing-like, though it may be of another kind. */
const FILING_LIKE = ['licence', 'license', 'permit', 'approval', 'approve', 'application', 'apply', 'submit', '许可', '审批', '资质', '申请'];
/**
 * The filing's institutions and objects: the administration, the filing entity, the number it gives ("does the number ever need
 * renewing?"), access, the verification form, the person in charge, an empty filing.
 */
const FILING_OBJECTS = ['miit', 'guanju', 'entity', 'number', '管局', '工信部', '通信管理局', '主体', '接入', '核验', '负责人', '空壳'];
/** "Register" is about filing only when what is registered is a website: not a company, a trademark or capital. */
const REGISTER = 'register';
/** Things registered other than a website: with one of them, "register" is not about filing ("register my brand as a trademark before launching the website"). */
const REGISTERED_OTHERWISE = ['trademark', 'brand', 'capital', 'visa', '商标'];
const WEBSITE = ['website', 'site', 'blog', 'page'];

export class FilingTopic {
  private readonly names: ReadonlySet<string>;
  private readonly own: ReadonlySet<string>;
  private readonly filing: ReadonlySet<string>;
  private readonly register: string;
  private readonly website: ReadonlySet<string>;
  private readonly otherwise: ReadonlySet<string>;

  constructor(private readonly normalizer: Normalizer) {
    this.names = this.termsOf(FILING_NAMES);
    this.own = new Set([...this.names, ...this.termsOf(FILING_OBJECTS)]);
    this.filing = new Set([...this.own, ...this.termsOf(FILING_LIKE)]);
    this.register = [...this.termsOf([REGISTER])][0]!;
    this.website = this.termsOf(WEBSITE);
    this.otherwise = this.termsOf(REGISTERED_OTHERWISE);
  }

  /** Whether normalised terms speak of filing, a licence, a permit or the filing's own institutions and objects. */
  speaksOf(terms: readonly string[]): boolean {
    return terms.some((term) => this.filing.has(term)) || this.registersWebsite(terms);
  }

  /** Whether normalised terms name the filing or its own institutions and objects: not a licence, permit or application, which may be of another kind. */
  isAbout(terms: readonly string[]): boolean {
    return terms.some((term) => this.own.has(term)) || this.registersWebsite(terms);
  }

  /** Whether every one of the normalised terms names the filing itself ("icp", "filing", 备案), and there is one. */
  namesOnlyFiling(terms: readonly string[]): boolean {
    return terms.length > 0 && terms.every((term) => this.names.has(term));
  }

  /** Whether normalised terms name the filing itself, not only a licence or permit that may be of another kind. */
  namesFiling(terms: readonly string[]): boolean {
    return terms.some((term) => this.names.has(term)) || this.registersWebsite(terms);
  }

  private registersWebsite(terms: readonly string[]): boolean {
    return terms.includes(this.register) && terms.some((term) => this.website.has(term)) && !terms.some((term) => this.otherwise.has(term));
  }

  /** Each word as the matcher normalises it; a Chinese word by its character pairs, as the matcher indexes it. */
  private termsOf(words: readonly string[]): Set<string> {
    return new Set(
      words.flatMap((word) => {
        const terms = this.normalizer.terms(word);
        const pairs = terms.filter((term) => term.startsWith('~'));
        return pairs.length > 0 ? pairs : terms;
      }),
    );
  }
}
