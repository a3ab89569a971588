/** Splitting a message into the tokens the fact reader matches: Latin words, digits, and single Chinese characters. */

/** One token of a message, with where it stands in the original text. */
export interface Token {
  /** Lowercase, without accents or apostrophes ("Xi'an" -> "xian", "Ｇｕａｎｇｚｈｏｕ" -> "guangzhou"). */
  norm: string;
  start: number;
  end: number;
  /** A single Chinese character. */
  han: boolean;
  /** The original starts with a capital letter. */
  capitalised: boolean;
  /** The original is written in capitals throughout ("US", "HK"). */
  allCaps: boolean;
  /** Index of the clause it is in, counted by punctuation that ends a clause. */
  clause: number;
}

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const APOSTROPHES = new Set(["'", '’', '‘', '`']);
/**
 * Punctuation that ends a clause; list separators (、), hyphens and ASCII brackets do not: in English a
 * bracket annotates its clause ("a small studio in Hangzhou (有限公司)", "Azure China (21Vianet) in
 * Shanghai"), while full-width brackets often hold a clause of their own (我们公司（营业执照在辽宁）服务器…).
 */
const CLAUSE_ENDS = new Set(['.', '!', '?', ';', ',', '。', '！', '？', '；', '，', '\n', ':', '：', '（', '）']);

/** What follows "Co" in a company's form written with punctuation ("Co., Ltd.", "Co. Limited"). */
const COMPANY_FORM_REST = /^[.,]?\s*(?:ltd|limited)\b/i;

type CharClass = 'word' | 'han' | 'other';

/** ASCII and CJK by code, the rest by Unicode property: most messages never reach the slow path. */
function classify(char: string): CharClass {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 'word' : 'other';
  if (code >= 0x4e00 && code <= 0x9fff) return 'han';
  if (HAN.test(char)) return 'han';
  return LETTER_OR_DIGIT.test(char.normalize('NFKC')) ? 'word' : 'other';
}

/** One character as the tokeniser sees it: full-width forms folded, accents dropped, lower case. */
function fold(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  return char.normalize('NFKC').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a folded character has an upper case of its own: a–z by code, anything else as `toUpperCase` says (no string made per ASCII letter). */
function isLower(folded: string): boolean {
  const code = folded.charCodeAt(0);
  if (folded.length === 1 && code < 0x80) return code >= 0x61 && code <= 0x7a;
  return folded !== folded.toUpperCase();
}

/**
 * The tokens of a text. A '.' ends a clause only when a space or the end follows it and it does not
 * close a one-letter abbreviation ("U.S. parent" and "name.com" stay in one clause).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let word = '';
  let wordStart = 0;
  let capitalised = false;
  let hasUpper = false;
  let hasLower = false;
  const flush = (end: number): void => {
    if (word.length === 0) return;
    tokens.push({ norm: word, start: wordStart, end, han: false, capitalised, allCaps: hasUpper && !hasLower, clause });
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const kind = classify(char);
    if (kind === 'han') {
      flush(i);
      tokens.push({ norm: char, start: i, end: i + 1, han: true, capitalised: false, allCaps: false, clause });
      continue;
    }
    if (kind === 'word') {
      const folded = fold(char);
      const upper = folded !== char && char.toLowerCase() !== char;
      if (word.length === 0) {
        wordStart = i;
        capitalised = upper;
        hasUpper = false;
        hasLower = false;
      }
      if (upper) hasUpper = true;
      else if (isLower(folded)) hasLower = true;
      word += folded;
      continue;
    }
    // "don't", "Xi'an": the apostrophe joins the word.
    if (APOSTROPHES.has(char) && word.length > 0 && classify(text[i + 1] ?? ' ') === 'word') continue;
    flush(i);
    const folded = char.charCodeAt(0) < 0x80 ? char : char.normalize('NFKC');
    if (CLAUSE_ENDS.has(folded)) {
      const next = text[i + 1];
      const last = tokens[tokens.length - 1];
      // A single letter before the dot is an initial ("U.S."); a digit ends a sentence ("ap-southeast-1. beian?").
      const abbreviation = last !== undefined && last.end === i && !last.han && last.norm.length === 1 && !/[0-9]/.test(last.norm);
      // A company's form is one name: "Hangzhou Co., Ltd." ends no clause after "Co".
      const companyForm = last !== undefined && last.norm === 'co' && /^[.,]*$/.test(text.slice(last.end, i)) && COMPANY_FORM_REST.test(text.slice(i + 1, i + 12));
      if (!companyForm && (folded !== '.' || ((next === undefined || /\s/.test(next)) && !abbreviation))) clause++;
    }
  }
  flush(text.length);
  return tokens;
}

/** A name or phrase as the tokeniser would see it, tokens joined by spaces: used as the key of names. */
export function normaliseLatinName(name: string): string {
  return tokenize(name)
    .map((t) => t.norm)
    .join(' ');
}
