import { ConvoSyntaxError, parseConvo, parseUtterances, type Utterances } from '../../../tools/convo';

const FILE = 'test/dialogs/scripts/x.convo.txt';
const GREETING: Utterances = { name: 'GREETING', texts: ['hello', 'good morning'], file: 'g.utterances.txt', line: 1 };
const utterances = new Map([[GREETING.name, GREETING]]);

/** The error parseConvo throws for `text`, as its message. */
function errorOf(text: string): string {
  try {
    parseConvo(text, FILE, utterances);
  } catch (error) {
    expect(error).toBeInstanceOf(ConvoSyntaxError);
    return (error as Error).message;
  }
  throw new Error('parseConvo did not throw');
}

describe('parseConvo() rejects', () => {
  it.each([
    ['an unknown directive', 'T\n\n#me\nhi\n\n#bot\nhello\nBUTTON_TEXT Hello', `${FILE}:8: unknown directive "BUTTON_TEXT"`],
    ['an unknown directive in #me', 'T\n#me\nSEND_TEXT hi', `${FILE}:3: unknown directive "SEND_TEXT"`],
    ['an empty #me block', 'T\n#me\n\n#bot\nhi', `${FILE}:2: #me block is empty`],
    ['an empty #bot block', 'T\n#me\nhi\n#bot\n\n', `${FILE}:4: #bot block is empty`],
    ['a #bot block left empty before the next block', 'T\n#me\nhi\n#bot\n#me\nhi', `${FILE}:4: #bot block is empty`],
    [
      'a directive before the first block',
      'T\nA description.\nBUTTONS a|b\n#me\nhi',
      `${FILE}:3: text before the first #me or #bot block must be the name (line 1) or the description, not a directive ("BUTTONS")`,
    ],
    ['an unknown utterances name in #bot', 'T\n#me\nhi\n#bot\nGREETING_REPLY', `${FILE}:5: unknown utterances "GREETING_REPLY" (no *.utterances.txt has this name)`],
    ['an unknown utterances name in #me', 'T\n#me\nASK_HONG_KONG', `${FILE}:3: unknown utterances "ASK_HONG_KONG" (no *.utterances.txt has this name)`],
    [
      'a BUTTON in the first #me',
      'T\n#me\nBUTTON Check my situation\n#bot\nWhere',
      `${FILE}:3: BUTTON in the first #me block: there is no previous bot message to click (start with a #bot block to check the welcome)`,
    ],
    ['a BUTTON with other lines', 'T\n#bot\nhi\n#me\nBUTTON Yes\nand more', `${FILE}:5: BUTTON must be the only line of its #me block`],
    ['a BUTTON without a title', 'T\n#bot\nhi\n#me\nBUTTON', `${FILE}:5: BUTTON needs the title of a button of the previous bot message`],
    ['a BUTTON in #bot', 'T\n#me\nhi\n#bot\nBUTTON Yes', `${FILE}:5: BUTTON clicks a button; it belongs in a #me block`],
    ['a bot check in #me', 'T\n#me\nBUTTONS Yes', `${FILE}:3: BUTTONS checks a bot message; it belongs in a #bot block`],
    ['an unknown block', 'T\n#begin\nhi', `${FILE}:2: unknown block "#begin" (blocks are #me and #bot)`],
    ['a text directive without arguments', 'T\n#me\nhi\n#bot\nTEXT_EQUALS', `${FILE}:5: TEXT_EQUALS needs at least one argument (a|b|…)`],
    ['a LANGUAGE it does not know', 'T\n#me\nhi\n#bot\nLANGUAGE fr', `${FILE}:5: LANGUAGE takes one of en, zh-CN`],
    ['a LANGUAGE with two languages', 'T\n#me\nhi\n#bot\nLANGUAGE en|zh-CN', `${FILE}:5: LANGUAGE takes one of en, zh-CN`],
    ['a negated directive', 'T\n#me\nhi\n#bot\n!BUTTONS Yes', `${FILE}:5: negated directives are not supported ("!BUTTONS")`],
    ['a script without blocks', 'T\nonly a description\n', `${FILE}:1: no #me or #bot block`],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('an invalid regular expression, with the engine’s reason', () => {
    expect(errorOf('T\n#me\nhi\n#bot\nTEXT_REGEXP_ANY ok|(')).toMatch(new RegExp(`^${FILE.replace(/\./g, '\\.')}:5: TEXT_REGEXP_ANY: invalid regular expression /\\(/ \\(.+\\)$`));
  });

  it('names the line in CRLF files too', () => {
    expect(errorOf('T\r\n#me\r\nhi\r\n#bot\r\nCARD_TITLES x')).toBe(`${FILE}:5: unknown directive "CARD_TITLES"`);
  });
});

describe('parseConvo() reads', () => {
  it('the name, the description and the blocks with their lines', () => {
    const convo = parseConvo(
      [
        'Hong Kong hosting needs no filing',
        'Asked in plain words,',
        'answered from the FAQ.',
        '',
        '#me',
        'do I need a filing',
        'when my server sits in Hong Kong?',
        '',
        '#bot',
        "doesn't need an ICP filing",
        'BUTTONS Do I need an ICP filing to use a CDN? | What happens if I don’t have one?',
        'TEXT_CONTAINS_ANY_IC hong kong|HK',
        'LANGUAGE zh-cn',
      ].join('\n'),
      FILE,
    );
    expect(convo).toEqual({
      name: 'Hong Kong hosting needs no filing',
      nameLine: 1,
      description: 'Asked in plain words,\nanswered from the FAQ.',
      file: FILE,
      steps: [
        {
          sender: 'me',
          line: 5,
          input: {
            kind: 'text',
            lines: [
              { kind: 'text', line: 6, text: 'do I need a filing' },
              { kind: 'text', line: 7, text: 'when my server sits in Hong Kong?' },
            ],
          },
        },
        {
          sender: 'bot',
          line: 9,
          checks: [
            { kind: 'contains', line: 10, source: "doesn't need an ICP filing", text: "doesn't need an ICP filing" },
            {
              kind: 'directive',
              line: 11,
              source: 'BUTTONS Do I need an ICP filing to use a CDN? | What happens if I don’t have one?',
              name: 'BUTTONS',
              args: ['Do I need an ICP filing to use a CDN?', 'What happens if I don’t have one?'],
            },
            { kind: 'directive', line: 12, source: 'TEXT_CONTAINS_ANY_IC hong kong|HK', name: 'TEXT_CONTAINS_ANY_IC', args: ['hong kong', 'HK'] },
            { kind: 'directive', line: 13, source: 'LANGUAGE zh-cn', name: 'LANGUAGE', args: ['zh-CN'] },
          ],
        },
      ],
    });
  });

  it('utterances names in #me and #bot', () => {
    const convo = parseConvo('T\n#me\nGREETING\n#bot\nGREETING', FILE, utterances);
    expect(convo.steps).toEqual([
      { sender: 'me', line: 2, input: { kind: 'text', lines: [{ kind: 'utterances', line: 3, utterances: GREETING }] } },
      { sender: 'bot', line: 4, checks: [{ kind: 'utterances', line: 5, source: 'GREETING', utterances: GREETING }] },
    ]);
  });

  it('a welcome check first, then a BUTTON click', () => {
    const convo = parseConvo('Welcome\n\n#bot\nICP Filing Assistant\n\n#me\nBUTTON 中文\n', FILE);
    expect(convo.steps).toEqual([
      { sender: 'bot', line: 3, checks: [{ kind: 'contains', line: 4, source: 'ICP Filing Assistant', text: 'ICP Filing Assistant' }] },
      { sender: 'me', line: 6, input: { kind: 'button', line: 7, title: '中文' } },
    ]);
  });

  it('a file that starts with a block, named after the file; a byte-order mark and CRLF', () => {
    const convo = parseConvo('\uFEFF#me\r\nhi\r\n#bot\r\nHello', 'scripts/say-hi.convo.txt');
    expect(convo.name).toBe('say-hi');
    expect(convo.steps.map((s) => s.line)).toEqual([1, 3]);
  });

  it('capitals without an underscore as plain text', () => {
    const convo = parseConvo('T\n#me\nICP\n#bot\nICP FILING', FILE);
    expect(convo.steps[1]).toEqual({ sender: 'bot', line: 4, checks: [{ kind: 'contains', line: 5, source: 'ICP FILING', text: 'ICP FILING' }] });
  });
});

describe('parseUtterances()', () => {
  it('reads the name from line 1 and one phrasing per line', () => {
    expect(parseUtterances('\nASK_HK\nserver in hong kong, do I need icp\n\n  my site is hosted in HK  \n', 'a.utterances.txt')).toEqual({
      name: 'ASK_HK',
      texts: ['server in hong kong, do I need icp', 'my site is hosted in HK'],
      file: 'a.utterances.txt',
      line: 2,
    });
  });

  it.each([
    ['an empty file', '\n\n', 'a.utterances.txt:1: empty utterances file (line 1 is the name, then one phrasing per line)'],
    ['a name without phrasings', 'ASK_HK\n', 'a.utterances.txt:1: utterances "ASK_HK" has no phrasings'],
    ['a directive as the name', 'BUTTONS\nhi', 'a.utterances.txt:1: "BUTTONS" cannot name utterances (it reads as a block or a directive)'],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseUtterances(text, 'a.utterances.txt')).toThrow(message);
  });
});
