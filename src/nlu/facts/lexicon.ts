/** Every term the fact reader knows, from the vocabulary and the place data, in one phrase trie. */
import type { EntityType, ForeignPresence, SiteType } from '../../rules/index.js';
import { commonEnglishWords, ordinaryEnglishWords } from '../ordinaryEnglish.js';
import type { Ask, CuedRole, HostingProviderId, Place, StatementField } from './facts.js';
import { MAINLAND, OUTSIDE, PlaceIndex } from './placeIndex.js';
import { PlaceSpelling } from './placeSpelling.js';
import { soundsOf } from './homophones.js';
import { PhraseTrie } from './phraseTrie.js';
import { tokenize } from './text.js';
import type { Bilingual, Vocabulary } from './vocabulary.js';

/** The server's and the owner's words are corrected from this length ("sever"); names, from placeSpelling's own (six letters). */
const ROLE_WORD_MIN_LENGTH = 5;

/** A modal verb opening a Chinese question of what to do (要办什么, 需要准备什么, 得做什么), before which 先 goes ("要先办什么"). */
const FIRST_AFTER_MODAL = /^(需要|要|得|该)(?=[办做准走])/u;

/** What a matched phrase means. One phrase may mean several things ("branch": a presence and a role word). */
export type Meaning =
  | { kind: 'place'; place: Place; commonWord: boolean }
  | { kind: 'region'; id: string; readings: { provider: HostingProviderId; place: Place }[] }
  | { kind: 'provider'; id: HostingProviderId; registrar?: 'mainland' | 'foreign'; mainland: boolean }
  /** `onlyInDomainClause`: the name also stands for other services, so it says where the domain is only in a clause about the domain. */
  | { kind: 'registrar'; mainland: boolean; onlyInDomainClause?: boolean }
  | { kind: 'entity'; entity: EntityType; generic: boolean }
  | { kind: 'companyNoun' }
  /** A word that holds an entity's word but says nothing of who files (主办单位, the filing's sponsor field): it only keeps the shorter word from being read. */
  | { kind: 'notEntity' }
  | { kind: 'demonym'; place: Place }
  | { kind: 'presence'; value: ForeignPresence }
  | { kind: 'siteKind'; value: SiteType; answerOnly: boolean }
  /** `rightBefore`: the role is given only to a place right after the word (放香港). */
  | { kind: 'role'; role: CuedRole; rightBefore?: true }
  | { kind: 'topic'; topic: 'cdn' | 'domain' | 'site' }
  | { kind: 'negation' }
  | { kind: 'break' }
  | { kind: 'number'; value: number }
  | { kind: 'ask'; ask: Ask }
  | { kind: 'statement'; field: StatementField; value: boolean; onlyNegated?: boolean }
  | { kind: 'askWord'; ask: Ask; part: 'question' | 'topic' }
  | { kind: 'how' }
  | { kind: 'which' }
  | { kind: 'canAtEnd' }
  | { kind: 'truthAtEnd' }
  | { kind: 'filingAtEnd' }
  | { kind: 'general' }
  | { kind: 'speaker' }
  | { kind: 'home' }
  | { kind: 'ownHosting' }
  | { kind: 'besides' }
  | { kind: 'notWebsite' }
  | { kind: 'app' }
  | { kind: 'notFiling' }
  | { kind: 'filedAlready' }
  | { kind: 'industry' }
  | { kind: 'payments' }
  | { kind: 'notNegation' }
  | { kind: 'avoid' }
  | { kind: 'filingVia'; side: 'before' | 'after' };

/** A meaning that counts only when written exactly so ("US", not "us"). */
export type Entry = Meaning & { exactCase?: string };

export class Lexicon {
  readonly trie = new PhraseTrie<Entry>();
  /** The Chinese terms of two characters or more again, under their pinyin: for terms typed with a homophone (homophones.ts). */
  readonly homophones = new PhraseTrie<Entry>();
  /** The words of asks said apart, in a trie of their own: short words ("还要", "who") must not take the place of a longer phrase that overlaps them. */
  readonly askWords = new PhraseTrie<Meaning>();
  /** Words that ask to be guided through a case ("what's involved?", 要走什么流程), apart from the ask words they overlap. */
  readonly guideWords = new PhraseTrie<true>();
  readonly places: PlaceIndex;
  /** Place names misspelt by a letter. */
  readonly placeSpelling: PlaceSpelling;
  /** The server's one-word role words misspelt by a letter ("sever", "hostng"). */
  readonly serverWordSpelling: PlaceSpelling;
  /** The one-word words for the owner and what a foreign company has in the mainland, misspelt by a letter ("compnay", "individul"). */
  readonly ownerWordSpelling: PlaceSpelling;
  /** Every word of the vocabulary's phrases, wherever in the phrase ("kaisha" of "kabushiki kaisha"): a word, not a misspelt place. */
  readonly phraseWords = new Set<string>();
  readonly prepositions: ReadonlySet<string>;
  /** Places said by whose they are (居住地, 户籍地), joined as written. */
  readonly placesByWhose: readonly string[];
  /** Tokens (words, or Chinese characters) that join two parts of a clause. */
  readonly conjunctions: ReadonlySet<string>;
  /** Words (or single characters' runs, joined) for a site's audience. */
  readonly audience: ReadonlySet<string>;
  /** Words after a nationality that make it a language ("an English website", 中文版). */
  readonly language: ReadonlySet<string>;
  readonly roleWindow: number;
  readonly negationWindow: number;
  readonly askOrder: readonly Ask[];
  /** How far (in words, or characters) a question word and a topic word of one ask may be apart. */
  readonly askWindow: number;
  readonly mainlandArms: ReadonlyMap<HostingProviderId, HostingProviderId>;
  /** How far (in words, or characters) a filing-via word reaches to its provider. */
  readonly filingViaWindow: number;
  /** Each provider's name to show back, per language: the first name the vocabulary lists. */
  readonly providerNames: ReadonlyMap<HostingProviderId, { en: string; zh: string }>;
  /** The entry on filing a site each provider hosts, for the providers that have one. */
  readonly providerEntries: ReadonlyMap<HostingProviderId, string>;

  constructor(vocabulary: Vocabulary) {
    this.places = new PlaceIndex(vocabulary);
    // Providers' one-word names are corrected too ("tencnet", "hetzer").
    const providerWords = vocabulary.providers.providers.flatMap((p) => p.names.en.map((name) => tokenize(name).map((t) => t.norm))).filter((words) => words.length === 1);
    // A one-word name excluded from the places ("hukou", "jiguan") is a word of its own: not corrected to a place a letter away either.
    const excludedWords = vocabulary.places.exclude.en.map((name) => tokenize(name).map((t) => t.norm)).filter((words) => words.length === 1);
    this.placeSpelling = new PlaceSpelling(
      this.places.names,
      [...vocabulary.placeData.nearPlaceWords, ...excludedWords.map(([word]) => word!)],
      providerWords.map(([word]) => word!),
    );
    const { cues, entities, providers, regions, registrars, siteKinds, asks, statements } = vocabulary;
    // Where the server is and who owns the site, the facts most replies turn on, are lost when their word is mistyped ("our sever
    // is in shanghai", "im an individul", "our compnay"): their one-word words of five letters or more are corrected as names are.
    // Everyday English words stay as typed ("posting" is not "hosting"); a rarer word is a typo of a server's word ("sever") more
    // often than it is meant, but any English word is left as it is before an owner's ("brunch" is not "branch").
    const oneWord = (terms: readonly string[]): string[] => [
      ...new Set(terms.map((term) => tokenize(term).map((t) => t.norm)).flatMap((words) => (words.length === 1 ? [words[0]!] : []))),
    ];
    this.serverWordSpelling = new PlaceSpelling(new Map(), commonEnglishWords(), oneWord(cues.roles.server.en), ROLE_WORD_MIN_LENGTH);
    const ownerTerms = [
      ...entities.individual.en,
      ...entities.mainlandOrganisation.en,
      ...entities.companyNouns.en,
      ...Object.values(entities.foreignPresence).flatMap((terms) => terms.en),
    ];
    this.ownerWordSpelling = new PlaceSpelling(new Map(), ordinaryEnglishWords(), oneWord(ownerTerms), ROLE_WORD_MIN_LENGTH);
    this.prepositions = new Set(cues.placePrepositions.map((p) => p.toLowerCase()));
    this.placesByWhose = cues.placesByWhose.map((term) => tokenize(term).map((t) => t.norm).join(''));
    this.conjunctions = new Set([...cues.conjunctions.en, ...cues.conjunctions.zh].flatMap((term) => tokenize(term).map((t) => t.norm)));
    this.audience = new Set([...cues.audience.en, ...cues.audience.zh].map((term) => tokenize(term).map((t) => t.norm).join('')));
    this.language = new Set([...cues.language.en, ...cues.language.zh].map((term) => tokenize(term).map((t) => t.norm).join('')));
    this.roleWindow = cues.roleWindow;
    this.negationWindow = cues.negationWindow;
    this.filingViaWindow = cues.filingVia.window;
    this.providerNames = new Map(providers.providers.map((p) => [p.id, { en: p.names.en[0] ?? p.id, zh: p.names.zh[0] ?? p.names.en[0] ?? p.id }]));
    this.providerEntries = new Map(providers.providers.flatMap((p) => (p.entry ? [[p.id, p.entry] as const] : [])));
    this.mainlandArms = new Map(Object.entries(providers.mainlandArms) as [HostingProviderId, HostingProviderId][]);
    const caseSensitive = new Set(entities.caseSensitive);

    const add = (term: string, meaning: Meaning): void => {
      const colloquial = colloquialOf(term);
      if (colloquial !== term) add(colloquial, meaning);
      const tokens = tokenize(term).map((t) => t.norm);
      for (const token of tokens) this.phraseWords.add(token);
      this.trie.add(tokens, caseSensitive.has(term) || caseSensitive.has(term.toUpperCase()) ? { ...meaning, exactCase: term.toUpperCase() } : meaning);
      const sounds = soundsOf(term);
      if (sounds) this.homophones.add(sounds, meaning);
    };
    const addAll = (terms: Bilingual | readonly string[], meaning: Meaning): void => {
      const list = Array.isArray(terms) ? terms : [...(terms as Bilingual).en, ...(terms as Bilingual).zh];
      for (const term of list) add(term, meaning);
    };

    for (const [name, { place, commonWord }] of this.places.names) {
      this.trie.add(name.split(' '), { kind: 'place', place, commonWord });
      // Provinces and cities only: the thousands of district names would sound like too many ordinary words.
      const sounds = place.level === 'province' || place.level === 'city' ? soundsOf(name.replace(/ /g, '')) : undefined;
      if (sounds) this.homophones.add(sounds, { kind: 'place', place, commonWord });
    }
    addAll(cues.mainland, { kind: 'place', place: MAINLAND, commonWord: false });
    addAll(cues.outside, { kind: 'place', place: OUTSIDE, commonWord: false });

    for (const provider of providers.providers) {
      addAll(provider.names, { kind: 'provider', id: provider.id, registrar: provider.registrar, mainland: provider.mainland });
    }
    for (const region of regions.regions) {
      const readings = Object.entries(region.places).map(([provider, name]) => {
        const place = this.places.lookup(name);
        if (!place) throw new Error(`Lexicon(): knowledge/vocabulary/regions.yaml: region "${region.id}" names "${name}", which the place data does not know`);
        return { provider: provider as HostingProviderId, place };
      });
      // The id and the names consoles show ("China East 2", 中国东部2) mean the same region.
      for (const name of [region.id, ...(region.names ?? [])]) add(name, { kind: 'region', id: region.id, readings });
    }
    for (const registrar of registrars.registrars) {
      addAll(registrar.names, { kind: 'registrar', mainland: registrar.mainland, ...(registrar.onlyInDomainClause ? { onlyInDomainClause: true } : {}) });
    }

    addAll(entities.individual, { kind: 'entity', entity: 'individual', generic: false });
    addAll(entities.mainlandOrganisation, { kind: 'entity', entity: 'mainland-organisation', generic: true });
    addAll(entities.foreignOrganisation, { kind: 'entity', entity: 'foreign-enterprise', generic: false });
    addAll(entities.companyNouns, { kind: 'companyNoun' });
    addAll(entities.notEntities, { kind: 'notEntity' });
    for (const [code, words] of Object.entries(entities.demonyms)) {
      const place = this.places.country(code) ?? this.places.lookup(code) ?? { ...OUTSIDE, country: code };
      addAll(words, { kind: 'demonym', place });
    }
    for (const [value, terms] of Object.entries(entities.foreignPresence)) addAll(terms, { kind: 'presence', value: value as ForeignPresence });
    for (const [value, terms] of Object.entries(siteKinds.siteKinds)) addAll(terms, { kind: 'siteKind', value: value as SiteType, answerOnly: false });
    addAll(siteKinds.generalInAnswers, { kind: 'siteKind', value: 'general', answerOnly: true });
    addAll(siteKinds.industries, { kind: 'industry' });
    addAll(siteKinds.payments, { kind: 'payments' });
    for (const [role, terms] of Object.entries(cues.roles)) addAll(terms, { kind: 'role', role: role as CuedRole });
    for (const [role, terms] of Object.entries(cues.rolesRightBefore)) addAll(terms, { kind: 'role', role: role as CuedRole, rightBefore: true });
    for (const [topic, terms] of Object.entries(cues.topics)) addAll(terms, { kind: 'topic', topic: topic as 'cdn' | 'domain' | 'site' });
    addAll(cues.filingVia.before, { kind: 'filingVia', side: 'before' });
    addAll(cues.filingVia.after, { kind: 'filingVia', side: 'after' });
    addAll(cues.negation, { kind: 'negation' });
    addAll(cues.notNegation, { kind: 'notNegation' });
    addAll(cues.clauseBreaks, { kind: 'break' });
    for (const [word, value] of [...Object.entries(cues.numbers.en), ...Object.entries(cues.numbers.zh)]) add(word, { kind: 'number', value });
    this.askOrder = Object.keys(asks.asks) as Ask[];
    for (const [ask, terms] of Object.entries(asks.asks)) addAll(terms, { kind: 'ask', ask: ask as Ask });
    this.askWindow = asks.near.window;
    // Words read apart from the phrases, in the ask words' own trie.
    const addWords = (terms: Bilingual, meaning: Meaning): void => {
      for (const term of withColloquial([...terms.en, ...terms.zh])) this.askWords.add(tokenize(term).map((t) => t.norm), meaning);
    };
    addWords(asks.how, { kind: 'how' });
    // In a trie of their own: "how do I start" is a guide's words and still a "how do", "what is the procedure" still general.
    // 要办什么 is also asked as 要先办什么 (what to do first): 先 after the modal.
    const guide = withColloquial([...asks.guide.en, ...asks.guide.zh]).flatMap((term) => [term, ...(FIRST_AFTER_MODAL.test(term) ? [term.replace(FIRST_AFTER_MODAL, '$1先')] : [])]);
    for (const term of guide) this.guideWords.add(tokenize(term).map((t) => t.norm), true);
    addWords(asks.which, { kind: 'which' });
    addWords(asks.canAtEnd, { kind: 'canAtEnd' });
    addWords(asks.truthAtEnd, { kind: 'truthAtEnd' });
    addWords(asks.filingAtEnd, { kind: 'filingAtEnd' });
    addWords(asks.general, { kind: 'general' });
    addWords(asks.speaker, { kind: 'speaker' });
    addWords(cues.home, { kind: 'home' });
    addWords(cues.ownHosting, { kind: 'ownHosting' });
    addWords(cues.notWebsites, { kind: 'notWebsite' });
    addWords(cues.apps, { kind: 'app' });
    addWords(asks.besides, { kind: 'besides' });
    addWords(asks.notFiling, { kind: 'notFiling' });
    addWords(asks.filedAlready, { kind: 'filedAlready' });
    addWords(asks.avoid, { kind: 'avoid' });
    for (const [ask, pair] of Object.entries(asks.near.asks)) {
      for (const [part, terms] of [['question', pair.question], ['topic', pair.topic]] as const) addWords(terms, { kind: 'askWord', ask: ask as Ask, part });
    }
    for (const [field, statement] of Object.entries(statements.statements)) {
      if (statement.true) addAll(statement.true, { kind: 'statement', field: field as StatementField, value: true });
      if (statement.false) addAll(statement.false, { kind: 'statement', field: field as StatementField, value: false });
      if (statement.ifNegated) addAll(statement.ifNegated, { kind: 'statement', field: field as StatementField, value: true, onlyNegated: true });
    }
  }
}

/** Colloquial Chinese says 啥 for 什么 and 咋 for 怎么 ("要办啥证", "咋办"): every term is also known that way. */
function colloquialOf(term: string): string {
  return term.replace(/什么/gu, '啥').replace(/怎么/gu, '咋');
}

/** The terms and, where it differs, each one's colloquial form. */
function withColloquial(terms: readonly string[]): string[] {
  return terms.flatMap((term) => {
    const colloquial = colloquialOf(term);
    return colloquial === term ? [term] : [term, colloquial];
  });
}
