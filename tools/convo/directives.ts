/** The text assertions of a `#bot` block (each also has an `_IC`, ignore-case, variant). */
export const TEXT_DIRECTIVES = [
  'TEXT_EQUALS',
  'TEXT_EQUALS_IC',
  'TEXT_CONTAINS_ANY',
  'TEXT_CONTAINS_ANY_IC',
  'TEXT_CONTAINS_ALL',
  'TEXT_CONTAINS_ALL_IC',
  'TEXT_REGEXP_ANY',
  'TEXT_REGEXP_ANY_IC',
  'TEXT_REGEXP_ALL',
  'TEXT_REGEXP_ALL_IC',
] as const;
export type TextDirective = (typeof TEXT_DIRECTIVES)[number];

/** Every directive a `#bot` block may hold. */
export const BOT_DIRECTIVES = [...TEXT_DIRECTIVES, 'BUTTONS', 'CARDS', 'LANGUAGE'] as const;
export type BotDirective = (typeof BOT_DIRECTIVES)[number];

/** The one directive of a `#me` block: click a button of the previous bot message. */
export const BUTTON_DIRECTIVE = 'BUTTON';

/** The languages `LANGUAGE` accepts, as the bot writes them in `locale`. */
export const SCRIPT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

const KNOWN = new Set<string>([...BOT_DIRECTIVES, BUTTON_DIRECTIVE]);
/** Capitals with an underscore: how a directive (or an utterances name) looks. */
const DIRECTIVE_WORD = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/;

/** How a script line reads, before the block it is in is taken into account. */
export type LineShape =
  | { kind: 'header'; sender: 'me' | 'bot' }
  | { kind: 'unknownHeader'; header: string }
  /** A known directive name, with its `|`-separated arguments. */
  | { kind: 'directive'; name: BotDirective | typeof BUTTON_DIRECTIVE; args: string[] }
  /** Looks like a directive but is none: an error unless it names an utterances file. */
  | { kind: 'unknownDirective'; name: string; hasArgs: boolean }
  /** `!NAME …`: Botium's negation, which this runner does not support. */
  | { kind: 'negated'; name: string }
  | { kind: 'text' };

export function isBotDirective(name: string): name is BotDirective {
  return (BOT_DIRECTIVES as readonly string[]).includes(name);
}

export function isTextDirective(name: string): name is TextDirective {
  return (TEXT_DIRECTIVES as readonly string[]).includes(name);
}

/** Classifies one trimmed, non-empty script line. */
export function classifyLine(line: string): LineShape {
  if (line.startsWith('#')) {
    const header = line.slice(1).trim().toLowerCase();
    if (header === 'me' || header === 'bot') return { kind: 'header', sender: header };
    return { kind: 'unknownHeader', header: line.split(/\s+/)[0] };
  }
  const [word, ...rest] = line.split(/\s+/);
  if (word.startsWith('!') && (KNOWN.has(word.slice(1)) || DIRECTIVE_WORD.test(word.slice(1)))) return { kind: 'negated', name: word.slice(1) };
  if (KNOWN.has(word)) {
    const args = line
      .slice(word.length)
      .split('|')
      .map((arg) => arg.trim())
      .filter((arg) => arg.length > 0);
    return { kind: 'directive', name: word as BotDirective | typeof BUTTON_DIRECTIVE, args };
  }
  if (DIRECTIVE_WORD.test(word)) return { kind: 'unknownDirective', name: word, hasArgs: rest.length > 0 };
  return { kind: 'text' };
}
