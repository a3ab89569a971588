import { LANGUAGES, type Language } from '../lexicon.js';

export { LANGUAGES, type Language };

const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** True for a supported language tag, exactly as the bot writes it. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 locale ("en-US", "zh-Hans-CN", "zh_cn") to a supported language, or undefined
 * for anything else (traditional Chinese included: the knowledge base is in simplified Chinese only).
 */
export function languageOfLocale(locale: string | undefined | null): Language | undefined {
  if (typeof locale !== 'string') return undefined;
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  return undefined;
}

/**
 * The language a text is written in, judged by its script: any Han character makes it Chinese
 * unless Latin letters clearly dominate ("ICP 备案" is Chinese; a long English sentence quoting 备案 is English).
 * Returns undefined for text with neither (digits, emoji, punctuation).
 */
export function languageOfText(text: string): Language | undefined {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // ASCII holds no Han and no Latin letter but A-Z and a-z: told apart without a regular expression and a string per character.
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) latin += 1;
      continue;
    }
    const point = text.codePointAt(i) ?? code;
    if (point > 0xffff) i += 1;
    const char = String.fromCodePoint(point);
    if (HAN.test(char)) han += 1;
    else if (LATIN_LETTER.test(char)) latin += 1;
  }
  if (han === 0 && latin === 0) return undefined;
  // A Han character carries about as much as a short English word.
  return han * 3 >= latin ? (han > 0 ? 'zh-CN' : 'en') : 'en';
}

/** What decides the reply language, strongest first. */
export interface LanguageSignals {
  /** The user's explicit switch ("中文", "English", a button), remembered across turns. */
  chosen?: Language;
  /** The activity's `locale`, as the channel sends it. */
  activityLocale?: string;
  /** The message text. */
  text?: string;
  /** The language of the conversation's previous reply, for text with no letters ("3", "👍"). */
  previous?: Language;
  /** The configured default. */
  fallback: Language;
}

/**
 * The reply language: explicit switch, then Chinese text, then the activity's locale, then the
 * text's script, then the language the conversation was already in, then the default. A locale is
 * only the client's default (a browser's language), so a message written in Chinese outweighs it;
 * Latin letters do not, as Chinese users write "CDN" or pinyin too.
 */
export function chooseReplyLanguage(signals: LanguageSignals): Language {
  const written = signals.text !== undefined ? languageOfText(signals.text) : undefined;
  return (
    signals.chosen ??
    (written === 'zh-CN' ? written : undefined) ??
    languageOfLocale(signals.activityLocale) ??
    written ??
    signals.previous ??
    signals.fallback
  );
}
