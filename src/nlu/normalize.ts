import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import type { StopWords, SynonymGroups } from '../lexicon.js';
import { HomophoneTypos } from './homophoneTypos.js';

export type { StopWords, SynonymGroups };

/** A term of a text, with the English word as typed that it came from (none for Chinese terms). */
export interface Token {
  term: string;
  raw?: string;
  /**
   * A Chinese character pair across two words the segmenter found, each of two characters or more (站为 in 网站|为什么): often no
   * word at all, and a query term the index has never seen scores as the rarest of all (see FaqMatcher.queryTerms).
   */
  across?: true;
}

/** A text normalised once (see {@link Normalizer.read}). */
export interface NormalizedText {
  /** Every term in order, repeats included, each with its word as typed. */
  readonly tokens: readonly Token[];
  /** The distinct terms, in order of first appearance. */
  readonly terms: readonly string[];
}

/** A term of a normalised text and how much it counts (1 unless it came from a spelling correction). */
export type WeightedTerms = Map<string, number>;

const HAN_RUN = /\p{Script=Han}+/gu;
/** Joins a text's Chinese runs for one segmentation (see {@link Normalizer.eachToken}): a word boundary on both sides, and never part of a run. */
const RUN_SEPARATOR = '\n';
/** Marks a Chinese character pair term, so it never equals a word's term. */
export const CHARACTER_PAIR = '~';
/** Where natural's WordTokenizer splits a word (its own pattern; it then drops the empty pieces, as latinTokens does). */
const WORD_GAP = /[^A-Za-zА-Яа-я0-9_]+/;
/** A synonym phrase matches only as whole words. */
const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
/** A UTF-16 surrogate: a character beyond the Basic Multilingual Plane takes two codes. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** Receives each term of a text in order, with the raw English word it came from (none for Chinese terms). */
export type TokenVisitor = (term: string, raw: string | undefined, across?: boolean) => void;
/** Words whose term is remembered; the cache starts over when full, so odd input cannot grow it without bound. */
const TERM_CACHE_SIZE = 200_000;

/**
 * Turns text into matcher terms: lower case, NFKC, synonym phrases joined, English words
 * tokenised as natural's WordTokenizer does and Porter-stemmed, Chinese split by Intl.Segmenter
 * plus character bigrams (the segmenter splits compounds such as 服务器 differently from one
 * phrasing to the next),
 * stop words dropped and synonyms mapped to one term.
 */
export class Normalizer {
  private readonly segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  /** Multi-word synonyms, each with its first word: a text without that word cannot match, and most texts have none. */
  private readonly phrases: { pattern: RegExp; replacement: string; firstWord: string }[] = [];
  /**
   * Matches wherever any phrase could (the phrases without their word boundaries): most texts have
   * none, and one test of literal alternatives is far cheaper than a test per phrase.
   */
  private readonly anyPhrase?: RegExp;
  private readonly canonical = new Map<string, string>();
  private readonly termCache = new Map<string, string>();
  private readonly englishStop: Set<string>;
  private readonly chineseStop: Set<string>;
  /** The Chinese stop words of one UTF-16 unit, by code, for runs read code by code (see {@link pairTerm}). */
  private readonly chineseStopCodes: Set<number>;
  /** Character pair terms by the pair's first code, then its second; starts over when full, as the term cache does. */
  private readonly pairTerms = new Map<number, Map<number, string>>();
  private pairTermCount = 0;
  /** The synonym groups' two-character Chinese words typed with a homophone (备按 for 备案), fixed before a run is segmented. */
  private readonly typos: HomophoneTypos;
  private readonly segmentRun = (text: string) => this.segmenter.segment(text);
  /** Scratch of {@link hanTokens}: the offsets in a run after which one word of two characters or more ends and another begins. */
  private readonly crossings: number[] = [];

  constructor(synonyms: SynonymGroups, stopWords: StopWords) {
    this.englishStop = new Set(stopWords.en.map((w) => w.toLowerCase()));
    this.chineseStop = new Set(stopWords['zh-CN']);
    this.chineseStopCodes = new Set(stopWords['zh-CN'].filter((word) => word.length === 1).map((word) => word.charCodeAt(0)));
    const bodies: string[] = [];
    for (const group of synonyms) {
      if (group.length === 0) continue;
      const head = this.termOf(this.joinPhrase(group[0].toLowerCase()));
      for (const member of group) {
        const lower = member.toLowerCase().normalize('NFKC');
        if (/\s/.test(lower)) {
          const escaped = lower.split(/\s+/).map(escapeRegExp).join('\\s+');
          bodies.push(escaped);
          this.phrases.push({
            pattern: new RegExp(`${WORD_START}${escaped}${WORD_END}`, 'gu'),
            replacement: this.joinPhrase(lower),
            firstWord: lower.split(/\s+/)[0],
          });
        }
        this.canonical.set(this.termOf(this.joinPhrase(lower)), head);
      }
    }
    this.typos = new HomophoneTypos(
      synonyms.flat().map((word) => word.normalize('NFKC')),
      (pair) => [...this.segmenter.segment(pair)].length === 1,
    );
    // Longest phrases first, so "mainland china" wins over "china".
    this.phrases.sort((a, b) => b.replacement.length - a.replacement.length);
    if (bodies.length > 0) this.anyPhrase = new RegExp(bodies.join('|'), 'u');
    // Terms looked up above saw only part of the synonym map.
    this.termCache.clear();
  }

  /** The terms of a text, each with weight 1; repeated terms count once. */
  terms(text: string): string[] {
    const terms = new Set<string>();
    this.eachToken(text, (term) => terms.add(term));
    return [...terms];
  }

  /**
   * The terms of a text in order, with the raw English word each came from (for spelling
   * correction); Chinese terms carry no raw word.
   */
  tokens(text: string): Token[] {
    const out: Token[] = [];
    this.eachToken(text, (term, raw, across) => out.push(tokenOf(term, raw, across)));
    return out;
  }

  /**
   * A message read once for every stage that needs it: its tokens in order (as {@link tokens}) and
   * its distinct terms (as {@link terms}). The recognizer, the chat-intent classifier and the message's
   * shape share one reading instead of each normalising the text again.
   */
  read(text: string): NormalizedText {
    const tokens: Token[] = [];
    const terms: string[] = [];
    const seen = new Set<string>();
    this.eachToken(text, (term, raw, across) => {
      tokens.push(tokenOf(term, raw, across));
      if (!seen.has(term)) {
        seen.add(term);
        terms.push(term);
      }
    });
    return { tokens, terms };
  }

  /** {@link tokens} without an object per term, for callers that normalise many texts. */
  eachToken(text: string, visit: TokenVisitor): void {
    let clean = text.normalize('NFKC').replace(CONTROL, ' ').toLowerCase();
    // When no phrase matches the text, the replacements below change nothing.
    if (this.anyPhrase?.test(clean)) {
      for (const { pattern, replacement, firstWord } of this.phrases) {
        if (clean.includes(firstWord)) clean = clean.replace(pattern, ` ${replacement} `);
      }
    }
    const runs = clean.match(HAN_RUN);
    if (runs === null) {
      this.latinTokens(clean, visit);
      return;
    }
    // Each Chinese run is segmented as a text of its own, but one Intl.Segmenter call costs several µs however short its
    // text: the runs are segmented in one call, joined by line breaks, after which a word always ends and before which
    // one always ends (Unicode's word rules WB3a and WB3b), so each run's words are those it has alone.
    const standard = runs.map((run) => this.typos.fix(standardChinese(run), this.segmentRun));
    const segments = (runs.length === 1 ? this.segmenter.segment(standard[0]) : this.segmenter.segment(standard.join(RUN_SEPARATOR)))[Symbol.iterator]();
    let last = 0;
    let from = 0;
    for (let i = 0; i < runs.length; i += 1) {
      const at = clean.indexOf(runs[i], last);
      this.latinTokens(clean.slice(last, at), visit);
      this.hanTokens(standard[i], from, segments, visit);
      last = at + runs[i].length;
      from += standard[i].length + RUN_SEPARATOR.length;
    }
    this.latinTokens(clean.slice(last), visit);
  }

  /** Whether a lower-case English word is a stop word. */
  isStopWord(word: string): boolean {
    return this.englishStop.has(word) || this.chineseStop.has(word);
  }

  /** Maps one English word to its term: stemmed, then synonym-mapped. */
  termOf(word: string): string {
    let term = this.termCache.get(word);
    if (term === undefined) {
      const stem = /\p{Script=Han}/u.test(word) || word.includes('_') ? word : PorterStemmer.stem(word);
      term = this.canonical.get(stem) ?? stem;
      // Building a large knowledge base stems the same few thousand words millions of times.
      if (this.termCache.size >= TERM_CACHE_SIZE) this.termCache.clear();
      this.termCache.set(word, term);
    }
    return term;
  }

  private joinPhrase(phrase: string): string {
    return phrase.trim().split(/\s+/).join('_');
  }

  private latinTokens(text: string, visit: TokenVisitor): void {
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    // WORD_GAP splits on underscores, so joined phrases are protected first; without one, splitting
    // the whole text at WORD_GAP (which spans white space) gives the same words.
    if (!text.includes('_')) {
      this.latinWords(text, visit);
      return;
    }
    for (const chunk of text.split(/\s+/)) {
      if (chunk.includes('_') && /^[\p{L}\p{N}_]+$/u.test(chunk)) visit(this.canonical.get(chunk) ?? chunk, chunk);
      else this.latinWords(chunk, visit);
    }
  }

  private latinWords(text: string, visit: TokenVisitor): void {
    for (const word of text.split(WORD_GAP)) {
      if (word.length === 0 || this.englishStop.has(word)) continue;
      if (word.length === 1 && !/\d/.test(word)) continue;
      visit(this.termOf(word), word);
    }
  }

  /** The term of a pair of characters of one UTF-16 code each, as {@link hanTokens} makes it from their string; remembered. */
  private pairTerm(first: number, second: number): string {
    let seconds = this.pairTerms.get(first);
    let term = seconds?.get(second);
    if (term !== undefined) return term;
    const bigram = String.fromCharCode(first, second);
    term = `${CHARACTER_PAIR}${this.canonical.get(bigram) ?? bigram}`;
    if (this.pairTermCount >= TERM_CACHE_SIZE) {
      this.pairTerms.clear();
      this.pairTermCount = 0;
      seconds = undefined;
    }
    if (seconds === undefined) this.pairTerms.set(first, (seconds = new Map()));
    seconds.set(second, term);
    this.pairTermCount += 1;
    return term;
  }

  /**
   * The terms of one Chinese run (in its standard form): its words, read from `segments` (the segmentation of the text that
   * holds the run at `from`, its words first; the separator after the run is read and dropped), then its character pairs.
   */
  private hanTokens(run: string, from: number, segments: Iterator<Intl.SegmentData>, visit: TokenVisitor): void {
    const end = from + run.length;
    const crossings = this.crossings;
    crossings.length = 0;
    let previousLength = 0;
    for (let next = segments.next(); !next.done && next.value.index < end; next = segments.next()) {
      const piece = next.value;
      if (previousLength >= 2 && piece.segment.length >= 2) crossings.push(piece.index - from - 1);
      previousLength = piece.segment.length;
      if (!piece.isWordLike || this.chineseStop.has(piece.segment)) continue;
      visit(this.canonical.get(piece.segment) ?? piece.segment, undefined);
    }
    // Without surrogates each character is one code: its pairs are read as numbers, with no string per character or pair.
    if (!SURROGATE.test(run)) {
      let crossing = 0;
      for (let i = 0; i + 1 < run.length; i += 1) {
        const across = crossing < crossings.length && crossings[crossing] === i;
        if (across) crossing += 1;
        const first = run.charCodeAt(i);
        const second = run.charCodeAt(i + 1);
        if (this.chineseStopCodes.has(first) || this.chineseStopCodes.has(second)) continue;
        visit(this.pairTerm(first, second), undefined, across);
      }
      return;
    }
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i += 1) {
      if (this.chineseStop.has(chars[i]) || this.chineseStop.has(chars[i + 1])) continue;
      const bigram = chars[i] + chars[i + 1];
      visit(`${CHARACTER_PAIR}${this.canonical.get(bigram) ?? bigram}`, undefined);
    }
  }
}

/**
 * Colloquial question words in their standard form: 咋 for 怎么 (咋样 for 怎样), 啥 for 什么. Grammar, not vocabulary: the
 * knowledge base is written in the standard forms, and "不备案会咋样" asks what "没有备案会怎样" does.
 */
const COLLOQUIAL = /咋样|咋|啥/gu;
const STANDARD: Readonly<Record<string, string>> = { 咋样: '怎样', 咋: '怎么', 啥: '什么' };

function standardChinese(run: string): string {
  return run.replace(COLLOQUIAL, (word) => STANDARD[word] ?? word);
}

/** A token as {@link Normalizer.tokens} gives it: only the fields it has. */
function tokenOf(term: string, raw: string | undefined, across: boolean | undefined): Token {
  if (raw !== undefined) return { term, raw };
  return across ? { term, across } : { term };
}

/** Whether a term is a Chinese character pair rather than a word (pairs overlap the words the segmenter found in the same text). */
export function isCharacterPair(term: string): boolean {
  return term.startsWith(CHARACTER_PAIR);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text of ASCII characters only: NFKC leaves it as it is, and its only letters and digits are a-z and 0-9 once lower-cased. */
const ASCII = /^[\x00-\x7f]*$/;

/** A message reduced to lower-case words separated by single spaces, for whole-message matching. */
export function plainWords(text: string): string {
  // The Unicode classes below cost several times as much, and an English message is ASCII as a rule.
  if (ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
