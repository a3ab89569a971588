import type { Activity } from 'botbuilder';
import { languageOfText } from '../../src/nlu/language.js';
import type { ScriptLanguage, TextDirective } from './directives.js';
import { buttonsOf, cardTextsOf } from './message.js';
import { containsFolded, equalsFolded, quote } from './text.js';
import type { BotCheck, BotStep } from './types.js';

/** A check of a `#bot` block that the message did not pass. */
export interface CheckFailure {
  /** Script line of the check. */
  line: number;
  /** The line as written. */
  source: string;
  /** What was wrong, in words. */
  problem: string;
  /** For text checks: the texts the reply should have held, for the diff. */
  expectedText?: string[];
}

const HAN = /\p{Script=Han}/u;

/** Runs every check of a `#bot` block on one bot message; an empty list means it passed. */
export function checkMessage(step: Pick<BotStep, 'checks'>, message: Partial<Activity>): CheckFailure[] {
  return step.checks.flatMap((check) => {
    const problem = failedCheck(check, message);
    return problem ? [{ line: check.line, source: check.source, ...problem }] : [];
  });
}

type Problem = Omit<CheckFailure, 'line' | 'source'>;

function failedCheck(check: BotCheck, message: Partial<Activity>): Problem | undefined {
  const text = message.text ?? '';
  switch (check.kind) {
    case 'contains':
      return containsFolded(text, check.text, true) ? undefined : { problem: `the text does not contain ${quote(check.text)}`, expectedText: [check.text] };
    case 'utterances':
      return check.utterances.texts.some((t) => containsFolded(text, t, true))
        ? undefined
        : { problem: `the text contains none of ${check.utterances.name} (${list(check.utterances.texts)})`, expectedText: check.utterances.texts };
    case 'directive':
      switch (check.name) {
        case 'BUTTONS':
          return buttonsCheck(check.args, message);
        case 'CARDS':
          return cardsCheck(check.args, message);
        case 'LANGUAGE':
          return languageCheck(check.args[0] as ScriptLanguage, message);
        default:
          return textCheck(check.name, check.args, text);
      }
  }
}

function textCheck(name: TextDirective, args: string[], text: string): Problem | undefined {
  const ignoreCase = name.endsWith('_IC');
  const how = ignoreCase ? ' (ignoring case)' : '';
  if (name.startsWith('TEXT_EQUALS')) {
    return args.some((a) => equalsFolded(text, a, ignoreCase)) ? undefined : { problem: `the text equals none of ${list(args)}${how}`, expectedText: args };
  }
  if (name.startsWith('TEXT_CONTAINS_ANY')) {
    return args.some((a) => containsFolded(text, a, ignoreCase)) ? undefined : { problem: `the text contains none of ${list(args)}${how}`, expectedText: args };
  }
  if (name.startsWith('TEXT_CONTAINS_ALL')) {
    const missing = args.filter((a) => !containsFolded(text, a, ignoreCase));
    return missing.length === 0 ? undefined : { problem: `the text lacks ${list(missing)}${how}`, expectedText: missing };
  }
  const patterns = args.map((a) => new RegExp(a, ignoreCase ? 'i' : ''));
  if (name.startsWith('TEXT_REGEXP_ANY')) {
    return patterns.some((p) => p.test(text)) ? undefined : { problem: `the text matches none of ${patterns.map(String).join(', ')}` };
  }
  const unmatched = patterns.filter((p) => !p.test(text));
  return unmatched.length === 0 ? undefined : { problem: `the text does not match ${unmatched.map(String).join(', ')}` };
}

function buttonsCheck(args: string[], message: Partial<Activity>): Problem | undefined {
  const titles = buttonsOf(message).map((b) => b.title);
  if (args.length === 0) return titles.length > 0 ? undefined : { problem: 'the message has no buttons' };
  const missing = args.filter((a) => !titles.some((t) => containsFolded(t, a, true)));
  if (missing.length === 0) return undefined;
  return { problem: `no button ${list(missing)} (buttons: ${titles.length > 0 ? list(titles) : 'none'})` };
}

function cardsCheck(args: string[], message: Partial<Activity>): Problem | undefined {
  const texts = cardTextsOf(message);
  if (args.length === 0) return texts.length > 0 ? undefined : { problem: 'the message has no cards' };
  const missing = args.filter((a) => !texts.some((t) => containsFolded(t, a, true)));
  if (missing.length === 0) return undefined;
  return { problem: `no card title or text ${list(missing)} (card texts: ${texts.length > 0 ? list(texts) : 'none'})` };
}

/**
 * The reply is in `language`: its locale says so, and its text (or, for a card without text, the
 * card's texts) is written in it: Han characters for Chinese; for English Latin letters, with Han
 * characters at most quoted (the help text names "中文"), as the bot's own language detection judges.
 */
function languageCheck(language: ScriptLanguage, message: Partial<Activity>): Problem | undefined {
  const problems: string[] = [];
  if ((message.locale ?? '').toLowerCase() !== language.toLowerCase()) problems.push(`its locale is ${message.locale ? quote(message.locale) : 'missing'}, not "${language}"`);
  const text = message.text?.trim() ? message.text : cardTextsOf(message).join('\n');
  if (language === 'zh-CN' && !HAN.test(text)) problems.push('its text has no Chinese (Han) characters');
  if (language === 'en' && languageOfText(text) !== 'en') problems.push(HAN.test(text) ? 'its text is Chinese, not English' : 'its text has no English (Latin) letters');
  return problems.length === 0 ? undefined : { problem: `the reply is not in ${language}: ${problems.join('; ')}` };
}

function list(items: readonly string[]): string {
  return items.map((i) => quote(i, 80)).join(', ');
}
