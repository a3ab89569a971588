'use strict';
/**
 * Botium asserter for the line `LANGUAGE en` / `LANGUAGE zh-CN` of the project's conversation
 * scripts (test/dialogs/scripts/README.md), judged as the project's runner judges it
 * (tools/convo/checks.ts): the reply is in that language when
 *   - its activity's `locale` is that language, and
 *   - its text (for a card without text, the card's texts) is written in it: zh-CN has Han
 *     characters; en has Latin letters and Han characters at most quoted (the help text names
 *     "中文"), that is Latin letters dominate, as the bot's own language detection judges.
 *
 * Registered through Botium's ASSERTERS capability, { ref: 'LANGUAGE', src: 'languageAsserter.js' },
 * with SAFEDIR set to this folder (see botium.json).
 */
const { BotiumError } = require('botium-core');

const LANGUAGES = ['en', 'zh-CN'];
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** As src/nlu/language.ts languageOfText: Han characters make it Chinese unless Latin letters clearly dominate. */
function languageOfText(text) {
  let han = 0;
  let latin = 0;
  for (const char of text) {
    if (HAN.test(char)) han += 1;
    else if (LATIN.test(char)) latin += 1;
  }
  if (han === 0 && latin === 0) return undefined;
  return han * 3 >= latin ? (han > 0 ? 'zh-CN' : 'en') : 'en';
}

/** The texts of the message's cards (titles, subtitles, texts, nested cards). */
function cardTexts(cards) {
  const texts = [];
  for (const card of cards || []) {
    for (const value of [card.text, card.subtext, card.content]) {
      if (Array.isArray(value)) texts.push(...value.filter((t) => typeof t === 'string'));
      else if (typeof value === 'string') texts.push(value);
    }
    texts.push(...cardTexts(card.cards));
  }
  return texts;
}

/** What the check reads: the activity's text, or the cards' texts when it has none. */
function textOf(botMsg) {
  const activity = (botMsg && botMsg.sourceData) || {};
  const text = typeof activity.text === 'string' ? activity.text : (botMsg && botMsg.messageText) || '';
  return text.trim() ? text : cardTexts(botMsg && botMsg.cards).join('\n');
}

/** Why the message is not in `language`, or undefined when it is. */
function mismatch(language, botMsg) {
  const problems = [];
  const locale = botMsg && botMsg.sourceData && botMsg.sourceData.locale;
  if (String(locale || '').toLowerCase() !== language.toLowerCase()) problems.push(`its locale is ${locale ? JSON.stringify(locale) : 'missing'}, not "${language}"`);
  const text = textOf(botMsg);
  if (language === 'zh-CN' && !HAN.test(text)) problems.push('its text has no Chinese (Han) characters');
  if (language === 'en' && languageOfText(text) !== 'en') problems.push(HAN.test(text) ? 'its text is Chinese, not English' : 'its text has no English (Latin) letters');
  return problems.length === 0 ? undefined : `the reply is not in ${language}: ${problems.join('; ')}`;
}

function failure(convoStep, message, args, botMsg, not) {
  return new BotiumError(`${convoStep.stepTag}: ${message}`, {
    type: 'asserter',
    source: 'Language Asserter',
    params: { args },
    cause: { not, expected: args, actual: { locale: botMsg && botMsg.sourceData && botMsg.sourceData.locale, text: textOf(botMsg) } },
  });
}

module.exports = class LanguageAsserter {
  constructor(context, caps = {}) {
    this.context = context;
    this.caps = caps;
    this.name = 'Language Asserter';
  }

  language(convoStep, args, botMsg) {
    if (!args || args.length !== 1 || !LANGUAGES.includes(args[0])) {
      throw failure(convoStep, `LANGUAGE takes one argument, ${LANGUAGES.join(' or ')}; got ${JSON.stringify(args)}`, args, botMsg, false);
    }
    return args[0];
  }

  assertConvoStep({ convoStep, args, botMsg }) {
    try {
      const why = mismatch(this.language(convoStep, args, botMsg), botMsg);
      return why ? Promise.reject(failure(convoStep, why, args, botMsg, false)) : Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  assertNotConvoStep({ convoStep, args, botMsg }) {
    try {
      const language = this.language(convoStep, args, botMsg);
      return mismatch(language, botMsg) ? Promise.resolve() : Promise.reject(failure(convoStep, `the reply is in ${language}`, args, botMsg, true));
    } catch (err) {
      return Promise.reject(err);
    }
  }
};
