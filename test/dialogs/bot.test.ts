import { testBotApp } from '../helpers';
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
    // Related questions, then the "Helpful?" buttons of the learning loop.
    const buttons = TestConversation.buttons(reply);
    expect(buttons.slice(-2)).toEqual(['👍 Helpful', '👎 Not helpful']);
    const related = buttons.slice(0, -2);
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

  it('falls back with what it can do, the check and a person', async () => {
    const { talk } = conversation();
    const [reply] = await talk.say('purple monkey dishwasher');
    expect(reply.text).toMatch(/I don't have an answer to that/);
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
