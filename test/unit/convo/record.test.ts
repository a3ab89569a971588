import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convoFromActivities, convoFromTranscript, firstLine, formatFailure, parseConvo, runScriptInProcess, RECORDED_LINE_CHARS } from '../../../tools/convo';
import { testBotApp } from '../../helpers';

const TRANSCRIPT = join(__dirname, 'fixtures', 'emulator.transcript');

describe('convoFromTranscript()', () => {
  const recorded = convoFromTranscript(readFileSync(TRANSCRIPT, 'utf8'), { name: 'Emulator session', description: 'Recorded from emulator.transcript.' });

  it('writes #me for user messages and #bot with the first line and suggested actions of each bot message', () => {
    expect(recorded.script).toBe(
      [
        'Emulator session',
        'Recorded from emulator.transcript.',
        '',
        '#bot',
        "Hello! I'm the **ICP Filing Assistant**. I answer questions about ICP filing —",
        'BUTTONS Server in Hong Kong?|Can a company outside mainland China file?|Check my situation|中文',
        '',
        '#me',
        "What happens if I don't have an ICP filing?",
        '',
        '#bot',
        "Without an ICP filing, your website **can't be opened to visitors**.",
        'BUTTONS Do I need an ICP filing if my website is hosted outside mainland China?|What is an ICP filing, and who needs one?',
        '',
        '#me',
        'Check my situation',
        '',
        '#bot',
        "Let's look at your situation. I'll ask only what matters for your case. At any",
        'BUTTONS In mainland China|Outside mainland China (e.g. Hong Kong, Singapore, US)|Why?|Back|Cancel',
        '',
        '#me',
        'Outside mainland China (e.g. Hong Kong, Singapore, US)',
        '',
        '#bot',
        'Will a CDN with nodes in mainland China serve your site?',
        'BUTTONS Yes|No|Why?|Back|Cancel',
        '',
        '#me',
        'No',
        '',
        '#bot',
        'BUTTONS Why?|Talk to a person|Start the check over',
        'CARDS Your ICP filing check',
        '',
      ].join('\n'),
    );
  });

  it('warns about a user message it cannot write (a card submit without text)', () => {
    expect(recorded.warnings).toEqual(['activity 16 (a user message) left out: it has no text (a card submit?)']);
  });

  it('writes a script that passes against the bot in process', async () => {
    const results = await runScriptInProcess(parseConvo(recorded.script, 'recorded.convo.txt'), { app: () => testBotApp() });
    for (const result of results) if (!result.passed) throw new Error(formatFailure(result));
    expect(results).toHaveLength(1);
  });

  it('rejects what is not a JSON array of activities', () => {
    expect(() => convoFromTranscript('{"type":"message"}', { name: 'x' })).toThrow('convoFromTranscript(): a transcript is a JSON array of activities');
    expect(() => convoFromTranscript('[', { name: 'x' })).toThrow(/^convoFromTranscript\(\): not JSON: /);
  });
});

describe('convoFromActivities()', () => {
  const bot = { id: 'b1', name: 'Bot' };
  const user = { id: 'u1', name: 'User' };

  it('tells the bot by its id when roles are missing, and keeps bot text that reads as a directive safe', () => {
    const { script, warnings } = convoFromActivities(
      [
        { type: 'message', from: user, recipient: bot, text: 'hi\nthere' },
        { type: 'message', from: bot, text: '# TEXT_EQUALS is a directive' },
        { type: 'message', from: user, recipient: bot, text: 'BUTTONS Yes' },
        { type: 'message', from: bot },
      ],
      { name: 'Roles' },
    );
    expect(script).toBe(['Roles', '', '#me', 'hi', 'there', '', '#bot', 'is a directive', '', '#bot', 'TEXT_REGEXP_ANY ^$', ''].join('\n'));
    expect(warnings).toEqual(['activity 3 (a user message) left out: a line reads as a block or directive ("BUTTONS Yes")']);
    expect(() => parseConvo(script, 'roles.convo.txt')).not.toThrow();
  });
});

describe('firstLine()', () => {
  it.each([
    ['a short line', '\n  Hello there  \nsecond line', 'Hello there'],
    [
      'a long English line, at a word boundary',
      'A website hosted outside mainland China, in Hong Kong or overseas for example, does not need an ICP filing at all.',
      'A website hosted outside mainland China, in Hong Kong or overseas for example,',
    ],
  ])('%s', (_what, text, expected) => {
    expect(firstLine(text)).toBe(expected);
  });

  it('cuts a long Chinese line at a word boundary within the limit', () => {
    const text = '网站托管在中国大陆以外的服务器上，无需办理备案。'.repeat(5);
    const line = firstLine(text);
    expect(line.length).toBeLessThanOrEqual(RECORDED_LINE_CHARS);
    expect(line.length).toBeGreaterThan(RECORDED_LINE_CHARS - 6);
    expect(text.startsWith(line)).toBe(true);
  });
});
