import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { checkMessage, parseConvo, type BotStep, type Utterances } from '../../../tools/convo';

const FAREWELL: Utterances = { name: 'FAREWELL', texts: ['goodbye', 'see you'], file: 'f.utterances.txt', line: 1 };

/** The checks of one #bot block written as script lines. */
function block(lines: string): BotStep {
  const convo = parseConvo(`T\n#me\nhi\n#bot\n${lines}`, 'c.convo.txt', new Map([[FAREWELL.name, FAREWELL]]));
  return convo.steps[1] as BotStep;
}

/** The problems of `lines` on `message` (empty: it passed). */
function problems(lines: string, message: Partial<Activity>): string[] {
  return checkMessage(block(lines), message).map((f) => f.problem);
}

const ANSWER: Partial<Activity> = {
  ...MessageFactory.suggestedActions(
    [
      { type: 'imBack', title: 'Do I need an ICP filing to use a CDN?', value: 'Do I need an ICP filing to use a CDN?' },
      { type: 'imBack', title: "What happens if I don't have an ICP filing?", value: "What happens if I don't have an ICP filing?" },
    ],
    "No. A website hosted outside mainland China   doesn't need an ICP filing.\n\nSource: [Alibaba Cloud](https://example.com)",
  ),
  locale: 'en',
};

const CHINESE: Partial<Activity> = { type: 'message', text: '不需要。网站托管在中国大陆以外，无需办理 ICP 备案。', locale: 'zh-CN' };

const HERO: Partial<Activity> = {
  type: 'message',
  attachments: [CardFactory.heroCard('Your filing', 'A physical office', undefined, [{ type: 'imBack', title: 'Start over', value: 'Start over' }], { subtitle: 'in Shanghai' })],
};

const ADAPTIVE: Partial<Activity> = {
  type: 'message',
  locale: 'zh-CN',
  attachments: [
    CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: '您的 ICP 备案检查结果' },
        { type: 'FactSet', facts: [{ title: '是否需要备案', value: '是' }] },
        { type: 'Container', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: '为什么？', data: '为什么？' }] }] },
      ],
      actions: [{ type: 'Action.OpenUrl', title: '来源', url: 'https://example.com' }],
    }),
  ],
};

describe('checkMessage()', () => {
  it.each([
    ['a plain line, ignoring case, spaces and typographic apostrophes', 'WEBSITE HOSTED outside mainland china doesn’t need'],
    ['several plain lines', 'hosted outside\nSource: [Alibaba Cloud]'],
    ['an utterances name: one of its texts', 'FAREWELL'],
    ['TEXT_EQUALS', "TEXT_EQUALS nope|No. A website hosted outside mainland China doesn't need an ICP filing. Source: [Alibaba Cloud](https://example.com)"],
    ['TEXT_EQUALS_IC', "TEXT_EQUALS_IC NO. A WEBSITE HOSTED OUTSIDE MAINLAND CHINA DOESN'T NEED AN ICP FILING. SOURCE: [ALIBABA CLOUD](HTTPS://EXAMPLE.COM)"],
    ['TEXT_CONTAINS_ANY', 'TEXT_CONTAINS_ANY Tokyo|mainland China'],
    ['TEXT_CONTAINS_ANY_IC', 'TEXT_CONTAINS_ANY_IC tokyo|MAINLAND CHINA'],
    ['TEXT_CONTAINS_ALL', 'TEXT_CONTAINS_ALL mainland China|Source'],
    ['TEXT_CONTAINS_ALL_IC', 'TEXT_CONTAINS_ALL_IC MAINLAND china|source'],
    ['TEXT_REGEXP_ANY', 'TEXT_REGEXP_ANY ^Yes|^No\\.'],
    ['TEXT_REGEXP_ANY_IC', 'TEXT_REGEXP_ANY_IC ^no\\.'],
    ['TEXT_REGEXP_ALL', 'TEXT_REGEXP_ALL ^No|example\\.com\\)$'],
    ['TEXT_REGEXP_ALL_IC', 'TEXT_REGEXP_ALL_IC ^NO|ALIBABA'],
    ['BUTTONS, contained in a title and ignoring case', 'BUTTONS use a cdn?|what happens if I don’t have an ICP filing?'],
    ['BUTTONS without arguments: some button', 'BUTTONS'],
    ['LANGUAGE en', 'LANGUAGE en'],
  ])('passes %s', (_what, lines) => {
    const message = _what.startsWith('an utterances') ? { ...ANSWER, text: 'OK, see you later' } : ANSWER;
    expect(problems(lines, message)).toEqual([]);
  });

  it.each([
    ['a plain line', 'Tokyo', 'the text does not contain "Tokyo"'],
    ['an utterances name', 'FAREWELL', 'the text contains none of FAREWELL ("goodbye", "see you")'],
    ['TEXT_EQUALS (case counts)', "TEXT_EQUALS no. a website hosted outside mainland china doesn't need an icp filing.", `the text equals none of "no. a website hosted outside mainland china doesn't need an icp filing."`],
    ['TEXT_EQUALS_IC', 'TEXT_EQUALS_IC no|yes', 'the text equals none of "no", "yes" (ignoring case)'],
    ['TEXT_CONTAINS_ANY (case counts)', 'TEXT_CONTAINS_ANY MAINLAND|Tokyo', 'the text contains none of "MAINLAND", "Tokyo"'],
    ['TEXT_CONTAINS_ANY_IC', 'TEXT_CONTAINS_ANY_IC tokyo|osaka', 'the text contains none of "tokyo", "osaka" (ignoring case)'],
    ['TEXT_CONTAINS_ALL', 'TEXT_CONTAINS_ALL mainland China|Tokyo|Osaka', 'the text lacks "Tokyo", "Osaka"'],
    ['TEXT_CONTAINS_ALL_IC', 'TEXT_CONTAINS_ALL_IC MAINLAND|tokyo', 'the text lacks "tokyo" (ignoring case)'],
    ['TEXT_REGEXP_ANY (case counts)', 'TEXT_REGEXP_ANY ^no\\.|^Yes', 'the text matches none of /^no\\./, /^Yes/'],
    ['TEXT_REGEXP_ANY_IC', 'TEXT_REGEXP_ANY_IC ^yes', 'the text matches none of /^yes/i'],
    ['TEXT_REGEXP_ALL', 'TEXT_REGEXP_ALL ^No|Tokyo', 'the text does not match /Tokyo/'],
    ['TEXT_REGEXP_ALL_IC', 'TEXT_REGEXP_ALL_IC ^no|tokyo', 'the text does not match /tokyo/i'],
    [
      'BUTTONS',
      'BUTTONS use a CDN?|Talk to a person',
      'no button "Talk to a person" (buttons: "Do I need an ICP filing to use a CDN?", "What happens if I don\'t have an ICP filing?")',
    ],
    ['CARDS on a message without cards', 'CARDS Your ICP filing check', 'no card title or text "Your ICP filing check" (card texts: none)'],
    ['CARDS without arguments on a message without cards', 'CARDS', 'the message has no cards'],
    ['LANGUAGE zh-CN', 'LANGUAGE zh-CN', 'the reply is not in zh-CN: its locale is "en", not "zh-CN"; its text has no Chinese (Han) characters'],
  ])('fails %s', (_what, lines, problem) => {
    expect(problems(lines, ANSWER)).toEqual([problem]);
  });

  it('reports each failed line with its script line, and the texts for the diff', () => {
    expect(checkMessage(block('hosted outside\nTokyo\nTEXT_CONTAINS_ALL Osaka|mainland\nLANGUAGE en'), ANSWER)).toEqual([
      { line: 6, source: 'Tokyo', problem: 'the text does not contain "Tokyo"', expectedText: ['Tokyo'] },
      { line: 7, source: 'TEXT_CONTAINS_ALL Osaka|mainland', problem: 'the text lacks "Osaka"', expectedText: ['Osaka'] },
    ]);
  });

  describe('LANGUAGE', () => {
    it('zh-CN passes on a Chinese reply with that locale', () => {
      expect(problems('LANGUAGE zh-CN', CHINESE)).toEqual([]);
    });

    it('en fails on a Chinese reply, naming locale and script', () => {
      expect(problems('LANGUAGE en', CHINESE)).toEqual(['the reply is not in en: its locale is "zh-CN", not "en"; its text is Chinese, not English']);
    });

    it('en fails on English text that comes with the wrong locale', () => {
      expect(problems('LANGUAGE en', { ...ANSWER, locale: 'zh-CN' })).toEqual(['the reply is not in en: its locale is "zh-CN", not "en"']);
    });

    it('en passes on English text that quotes a Chinese word (the help text names 中文)', () => {
      expect(problems('LANGUAGE en', { type: 'message', locale: 'en', text: 'I can answer questions about ICP filing in mainland China (in English or 中文).' })).toEqual([]);
    });

    it('fails a reply without locale', () => {
      expect(problems('LANGUAGE en', { type: 'message', text: 'Hello there' })).toEqual(['the reply is not in en: its locale is missing, not "en"']);
    });

    it('reads a card’s texts when the reply has no text', () => {
      expect(problems('LANGUAGE zh-CN', ADAPTIVE)).toEqual([]);
      expect(problems('LANGUAGE en', ADAPTIVE)).toEqual(['the reply is not in en: its locale is "zh-CN", not "en"; its text is Chinese, not English']);
    });
  });

  describe('cards', () => {
    it('CARDS reads hero card title, subtitle and text', () => {
      expect(problems('CARDS your filing|in Shanghai|physical office', HERO)).toEqual([]);
      expect(problems('CARDS Beijing', HERO)).toEqual(['no card title or text "Beijing" (card texts: "Your filing", "in Shanghai", "A physical office")']);
    });

    it('CARDS reads Adaptive Card TextBlocks and FactSet titles and values', () => {
      expect(problems('CARDS 您的 ICP 备案检查结果|是否需要备案|是', ADAPTIVE)).toEqual([]);
    });

    it('BUTTONS reads hero card buttons and Adaptive Card actions, nested ActionSets included', () => {
      expect(problems('BUTTONS Start over', HERO)).toEqual([]);
      expect(problems('BUTTONS 为什么？|来源', ADAPTIVE)).toEqual([]);
      expect(problems('BUTTONS 返回', ADAPTIVE)).toEqual(['no button "返回" (buttons: "为什么？", "来源")']);
    });
  });
});
