import { join } from 'node:path';
import type { BotApp } from '../../../src/app';
import { formatFailure, loadScripts, parseConvo, runScriptInProcess, type ConvoResult } from '../../../tools/convo';
import { testBotApp } from '../../helpers';

const FIXTURES = join(__dirname, 'fixtures', 'scripts');
const app = () => testBotApp();

async function run(script: string): Promise<ConvoResult[]> {
  return runScriptInProcess(parseConvo(script, 'inline.convo.txt'), { app });
}

describe('runScriptInProcess()', () => {
  it('passes the example scripts: an answer and a click, the welcome and the language switch, utterances and the result card', async () => {
    const results: ConvoResult[] = [];
    for (const convo of loadScripts(FIXTURES).convos) results.push(...(await runScriptInProcess(convo, { app })));
    for (const result of results) if (!result.passed) throw new Error(formatFailure(result));
    expect(results.map((r) => r.name)).toEqual([
      'Greeting, then the check to its card (fixture) [FIXTURE_GREETING 1/2 "hello"]',
      'Greeting, then the check to its card (fixture) [FIXTURE_GREETING 2/2 "good morning"]',
      'Hong Kong hosting needs no filing (fixture)',
      'Welcome, then Chinese from its button (fixture)',
    ]);
    expect(results[0]).toMatchObject({ convo: 'Greeting, then the check to its card (fixture)', expansion: 'FIXTURE_GREETING 1/2 "hello"', passed: true });
  });

  it('sends messages without a locale, so a Chinese message gets a Chinese reply', async () => {
    const [result] = await run('T\n#me\n我的服务器在香港，需要备案吗\n#bot\n不需要\nLANGUAGE zh-CN');
    expect(result.passed).toBe(true);
  });

  it('skips the welcome when the script starts with #me', async () => {
    const [result] = await run('T\n#me\nhello\n#bot\nTEXT_EQUALS Hello! Ask me a question about ICP filing, or let me check your situation.');
    expect(result.passed).toBe(true);
  });

  it('just sends a #me without #bot, and ignores bot messages left after the last block', async () => {
    const [passing] = await run('T\n#me\nhello\n#me\nCheck my situation\n#bot\nWhere is the server that hosts your website?\n#me\nCancel');
    expect(passing.passed).toBe(true);
  });

  it('clicks a button of the replies to a #me that had no #bot', async () => {
    const [result] = await run('T\n#me\nCheck my situation\n#me\nBUTTON Outside mainland China\n#bot\nWill a CDN with nodes in mainland China serve your site?');
    expect(result.passed).toBe(true);
  });

  it('fails a BUTTON the previous message does not have, naming the buttons it had', async () => {
    const [result] = await run('T\n#me\nCheck my situation\n#bot\nWhere is the server\n#me\nBUTTON Somewhere else');
    expect(result.failure).toMatchObject({ turn: 3, sender: 'me', line: 6, problems: [{ line: 7, problem: 'the previous bot message has no button "Somewhere else"' }] });
    expect(result.failure?.actual[1]).toBe('buttons: "In mainland China", "Outside mainland China (e.g. Hong Kong, Singapore, US)", "Why?", "Back", "Cancel"');
  });

  it('fails a #bot block that gets no message', async () => {
    const [result] = await run('T\n#me\nhello\n#bot\nHello\n#bot\nAnything more?');
    expect(result.failure).toMatchObject({ turn: 3, sender: 'bot', line: 6, actual: ['(no bot message)'], problems: [{ problem: 'expected a bot message, none came' }] });
  });

  it('fails at the turn where the bot throws', async () => {
    const broken = (): BotApp => {
      const real = testBotApp();
      return { ...real, bot: Object.assign(Object.create(real.bot), { run: async () => Promise.reject(new Error('store down')) }) };
    };
    const [result] = await runScriptInProcess(parseConvo('T\n#bot\nHello', 'x.convo.txt'), { app: broken });
    expect(result.failure).toMatchObject({ turn: 0, problems: [{ problem: 'the bot or the connection failed: store down' }] });
  });

  it('runs each expansion on a fresh bot: state from one run does not leak into the next', async () => {
    const script = 'T\n#me\nCheck my situation\n#bot\nWhere is the server that hosts your website?';
    const results = [...(await run(script)), ...(await run(script))];
    expect(results.every((r) => r.passed)).toBe(true);
  });
});
