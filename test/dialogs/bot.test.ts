import { MemoryStorage } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { buildBotApp } from '../../src/app';
import { IcpBot } from '../../src/bot';
import { sharedCore, testBotApp, testConfig } from '../helpers';
import { TestConversation } from '../conversation';

function conversation(locale = 'en-US', env: Record<string, string> = {}) {
  const app = testBotApp(env);
  return { app, talk: new TestConversation(app.bot, locale) };
}

describe('welcome', () => {
  it('greets a user who joins, with starting points, and not the bot itself', async () => {
    const { talk } = conversation();
    const replies = await talk.say({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }, { id: 'user1', name: 'user1' }], recipient: { id: 'bot', name: 'bot' } });
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/ICP Filing Assistant/);
    expect(TestConversation.buttons(replies[0])).toEqual(expect.arrayContaining(['Check my situation', '中文']));
  });

  it('says nothing when only the bot joins', async () => {
    const { talk } = conversation();
    expect(await talk.say({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } })).toEqual([]);
  });

  it('welcomes in Chinese when the channel says zh-CN', async () => {
    const { talk } = conversation('zh-CN');
    const [reply] = await talk.say({ type: 'conversationUpdate', membersAdded: [{ id: 'u', name: 'u' }], recipient: { id: 'bot', name: 'bot' } });
    expect(reply.text).toMatch(/ICP 备案助手/);
  });
});

describe('answers', () => {
  it('answers with the entry, its source link and related questions', async () => {
    const { talk } = conversation();
    const [reply] = await talk.say('do I need an ICP filing if my server is in Hong Kong');
    expect(reply.text).toMatch(/doesn't need an ICP filing/);
    expect(reply.text).toMatch(/Source: \[Alibaba Cloud — For enterprises registered outside mainland China\]\(https:\/\/[^)]+#section_zw1_zxr_zdb\)/);
    // The situation reply's own buttons, the entry's related questions, then the "Helpful?" buttons of the learning loop.
    const buttons = TestConversation.buttons(reply);
    expect(buttons.slice(0, 2)).toEqual(['Check my situation', 'Talk to a person']);
    expect(buttons.slice(-2)).toEqual(['👍 Helpful', '👎 Not helpful']);
    const related = buttons.slice(2, -2);
    expect(related.length).toBeGreaterThanOrEqual(2);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related).toContain('Do I need an ICP filing to use a CDN?');
  });

  it('answers a related-question button with that entry', async () => {
    const { talk } = conversation();
    const [reply] = await talk.say('Do I need an ICP filing to use a CDN?');
    expect(reply.text).toMatch(/CDN/);
    expect(reply.text).toMatch(/#section_yw1_zxr_zdb/);
  });

  it('answers Chinese questions in Chinese when the channel gives no locale', async () => {
    const { talk } = conversation('');
    const [reply] = await talk.say('我的服务器在香港，需要备案吗？');
    expect(reply.text).toMatch(/不需要/);
    expect(reply.text).toMatch(/来源：/);
    expect(reply.locale).toBe('zh-CN');
  });

  it('offers "Did you mean…" with the candidate questions as buttons', async () => {
    const { talk } = conversation('en-US', { ANSWER_THRESHOLD: '0.99', CLARIFY_THRESHOLD: '0.2' });
    const [reply] = await talk.say('foreign company filing');
    expect(reply.text).toBe("I'm not quite sure what you mean. Did you mean one of these?");
    expect(TestConversation.buttons(reply).length).toBeGreaterThanOrEqual(2);
  });

  it('falls back with what it can do and the check, and no person when nobody can answer', async () => {
    const { talk } = conversation();
    const [reply] = await talk.say('purple monkey dishwasher');
    expect(reply.text).toMatch(/I don't have an answer to that/);
    expect(reply.text).not.toMatch(/person/);
    expect(TestConversation.buttons(reply)).toEqual(['Check my situation']);
  });

  it.each([
    ['a contact to give', { SUPPORT_CONTACT: 'support@example.com' }],
    ['the desk', { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123' }],
  ])('falls back with a person too when someone can answer: %s', async (_case, env) => {
    const { talk } = conversation('en-US', env);
    const [reply] = await talk.say('purple monkey dishwasher');
    expect(reply.text).toMatch(/or ask for a person/);
    expect(TestConversation.buttons(reply)).toEqual(['Check my situation', 'Talk to a person']);
  });
});

describe('chat intents', () => {
  it.each([
    ['hello', /Ask me a question about ICP filing/],
    ['thanks', /You're welcome/],
    ['help', /I can:/],
    ['start over', /start over/],
  ])('%s', async (text, expected) => {
    const { talk } = conversation();
    const [reply] = await talk.say(text);
    expect(reply.text).toMatch(expected);
  });

  it('says plainly that no person is connected when none is configured', async () => {
    const { talk } = conversation();
    expect(await talk.texts('talk to a human')).toEqual([expect.stringMatching(/No customer-service agent is connected/)]);
  });

  it('gives the configured contact when asked for a person', async () => {
    const { talk } = conversation('en-US', { SUPPORT_CONTACT: 'support@example.com' });
    expect(await talk.texts('agent')).toEqual(['You can reach a person here: support@example.com']);
  });
});

describe('language', () => {
  it('switches to Chinese on "中文" and stays there for English text', async () => {
    const { talk } = conversation('en-US');
    expect((await talk.texts('中文'))[0]).toMatch(/接下来我会用中文回复/);
    const [reply] = await talk.say('do I need an ICP filing if my server is in Hong Kong');
    expect(reply.locale).toBe('zh-CN');
    expect(reply.text).toMatch(/不需要/);
    expect((await talk.texts('English'))[0]).toMatch(/reply in English/);
    expect((await talk.say('hello'))[0].locale).toBe('en');
  });

  it('follows the activity locale before the script of the text', async () => {
    const { talk } = conversation('zh-CN');
    const [reply] = await talk.say('bbs filing');
    expect(reply.locale).toBe('zh-CN');
  });

  it('falls back to the script of the text for an unknown locale', async () => {
    const { talk } = conversation('fr-FR');
    expect((await talk.say('论坛备案'))[0].locale).toBe('zh-CN');
    expect((await talk.say('bbs filing'))[0].locale).toBe('en');
  });
});

describe('bad input', () => {
  it.each([
    ['empty text', { text: '' }, /didn't receive any text/],
    ['whitespace only', { text: '   \n\t ' }, /didn't receive any text/],
    ['emoji only', { text: '😀🎉👍' }, /only read words/],
    ['an attachment without text', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }] }, /not files or images/],
  ])('answers %s sensibly', async (_name, activity, expected) => {
    const { talk } = conversation();
    const texts = await talk.texts({ type: 'message', ...activity });
    expect(texts).toEqual([expect.stringMatching(expected)]);
    expect(talk.errors).toEqual([]);
  });

  it('reads only the first part of a 20,000-character message and says so', async () => {
    const { talk, app } = conversation('en-US', { MAX_TEXT_CHARS: '2000' });
    const texts = await talk.texts('bbs filing '.repeat(2000));
    expect(texts[0]).toMatch(/first 2000 characters/);
    expect(texts).toHaveLength(2);
    expect(app.errors).toEqual([]);
  });

  it('ignores non-message activities without replying', async () => {
    const { talk } = conversation();
    for (const type of ['typing', 'messageReaction', 'event', 'endOfConversation']) {
      expect(await talk.say({ type, text: undefined })).toEqual([]);
    }
    expect(talk.errors).toEqual([]);
  });
});

describe('language of a message without words', () => {
  it('answers "3" in the language the conversation is in', async () => {
    const { talk } = conversation('');
    await talk.say('检查我的情况');
    await talk.say('大陆');
    await talk.say('公司');
    await talk.say('广东');
    const replies = await talk.say('3');
    expect(replies.every((r) => r.locale === 'zh-CN')).toBe(true);
  });
});

/** A memory store that shows what it holds, to compare two bots' stored state. */
class SnapshotStorage extends MemoryStorage {
  snapshot(): Record<string, string | undefined> {
    return { ...this.memory };
  }
}

/**
 * The same app twice on fresh stores: once as built (messages with no dialog running are routed
 * without the dialog stack) and once with every message through `runDialog`, as the bot did before.
 */
function pairedBots(env: Record<string, string>) {
  const config = testConfig(env);
  const make = () => {
    const storage = new SnapshotStorage();
    const app = buildBotApp(config, { storage, log: () => undefined, core: sharedCore() });
    const events: unknown[] = [];
    if (app.learning) jest.spyOn(app.learning.eventLog, 'append').mockImplementation((turnEvents) => void events.push(...turnEvents));
    return { app, storage, events };
  };
  const routed = make();
  const reference = make();
  const dialogsOnly = new IcpBot({ ...reference.app.botDependencies, router: undefined });
  return { routed: { ...routed, bot: routed.app.bot }, reference: { ...reference, bot: dialogsOnly } };
}

/** What may differ between two runs of the same conversation: times, random ids (events, cases) and TestAdapter's activity ids. */
function stable(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\\?"(id|ref)\\?":\\?"[A-Za-z0-9_-]{12}\\?"/g, '"$1":"<event id>"');
}

/**
 * The stored state without the route the root dialog was begun with: routed directly, the root
 * dialog keeps it as its options, where through `runDialog` it routes in its first step and keeps none.
 */
function withoutRoute(snapshot: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, stored]) => [
      key,
      stored?.replace(/"id":"rootDialog\.route","state":\{"options":\{"kind":"begin","dialogId":"\w+","options":(\{[^{}]*(\{[^{}]*\}[^{}]*)*\})\}/g, '"id":"rootDialog.route","state":{"options":{}'),
    ]),
  );
}

describe('messages while no dialog is running', () => {
  const DESK = { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123', HANDOFF_AFTER_FAILURES: '3' };
  it.each<[string, Record<string, string>, string, string[]]>([
    ['an FAQ answer, its feedback and "why?"', {}, 'en-US', ['do I need an ICP filing if my server is in Hong Kong', '👍', 'why?', '服务器在香港需要备案吗', '👎']],
    ['"Did you mean…" and a pick', {}, 'en-US', ['How does a foreign company file?', 'Can a company outside mainland China file?', 'purple monkey dishwasher']],
    ['chat intents and the language', {}, '', ['hello', 'help', 'thanks', '中文', 'talk to a person', 'English', 'start over']],
    ['the check started by a situation, with an FAQ question and restart in it', {}, 'en-US', ['we are a German company with a server in Shanghai, do we need ICP?', 'do I need an ICP filing if my server is in Hong Kong', 'restart', 'why?']],
    ['the check to its result, then "why?"', {}, 'en-US', ['check my situation', 'Hong Kong', 'why?', 'hello']],
    ['misses that lead to the offer of a person, with the desk', DESK, 'en-US', ['purple monkey dishwasher', 'what will the weather be like in Paris tomorrow', 'best pizza in town', 'no', 'this bot is useless!!', 'yes', 'leave']],
    ['asking for a person, with the desk', DESK, 'en-US', ['I want to talk to a human', 'do I need an ICP filing if my server is in Hong Kong', 'talk to a person', 'yes']],
    ['answers without the event log', { EVENT_LOG: 'off' }, 'en-US', ['do I need an ICP filing if my server is in Hong Kong', 'How does a foreign company file?', 'purple monkey dishwasher']],
  ])('replies and stores the same as runDialog: %s', async (_name, env, locale, messages) => {
    const { routed, reference } = pairedBots(env);
    const talks = [new TestConversation(routed.bot, locale), new TestConversation(reference.bot, locale)];
    for (const text of messages) {
      const [got, expected] = [await talks[0].say(text), await talks[1].say(text)];
      expect(stable(got)).toBe(stable(expected));
      expect(stable(withoutRoute(routed.storage.snapshot()))).toBe(stable(reference.storage.snapshot()));
      expect(stable(routed.events)).toBe(stable(reference.events));
    }
    expect(routed.events.length + Object.keys(routed.storage.snapshot()).length).toBeGreaterThan(0);
  });

  it('answers an FAQ question without starting the root dialog', async () => {
    const app = testBotApp();
    const began = jest.spyOn(app.rootDialog, 'beginDialog');
    const [reply] = await new TestConversation(app.bot, 'en-US').say('do I need an ICP filing if my server is in Hong Kong');
    expect(reply.text).toMatch(/doesn't need an ICP filing/);
    expect(began).not.toHaveBeenCalled();
  });

  it('starts the check through the root dialog, routing the message once', async () => {
    const app = testBotApp();
    const routed = jest.spyOn(app.rootDialog, 'routeMessage');
    const began = jest.spyOn(app.rootDialog, 'beginDialog');
    const [reply] = await new TestConversation(app.bot, 'en-US').say('check my situation');
    expect(reply.text).toMatch(/Let's look at your situation/);
    expect(routed).toHaveBeenCalledTimes(1);
    expect(began).toHaveBeenCalledTimes(1);
  });

  it('hands a message in the middle of the check to the check, not to the router', async () => {
    const app = testBotApp();
    const talk = new TestConversation(app.bot, 'en-US');
    await talk.say('check my situation');
    const routed = jest.spyOn(app.rootDialog, 'routeMessage');
    const continued = jest.spyOn(app.rootDialog, 'continueDialog');
    // Alone, "In mainland China" is no question the bot can answer; in the check it answers where the server is.
    expect(await talk.texts('In mainland China')).toEqual([expect.stringMatching(/Who will own the filing\?/)]);
    expect(routed).not.toHaveBeenCalled();
    expect(continued).toHaveBeenCalledTimes(1);
  });

  it('runs the dialog in the Emulator, which shows its memory snapshot', async () => {
    const app = testBotApp();
    const talk = new TestConversation(app.bot, 'en-US', 'emulator');
    talk.adapter.enableTrace = true;
    const replies = await talk.say('do I need an ICP filing if my server is in Hong Kong');
    expect(replies.map((r) => r.type)).toEqual(['message', 'trace']);
    expect(replies[1].name).toBe('BotState');
  });

  it("runs the dialog when the bot is another bot's skill, so the parent hears that it finished", async () => {
    const app = testBotApp();
    const talk = new TestConversation(app.bot, 'en-US');
    const parentBot = new ClaimsIdentity([
      { type: 'ver', value: '1.0' },
      { type: 'aud', value: 'this-bot' },
      { type: 'appid', value: 'parent-bot' },
    ]);
    talk.adapter.use(async (context, next) => {
      context.turnState.set(context.adapter.BotIdentityKey, parentBot);
      await next();
    });
    const replies = await talk.say('do I need an ICP filing if my server is in Hong Kong');
    expect(replies.map((r) => r.type)).toEqual(['message', 'endOfConversation']);
  });
});
