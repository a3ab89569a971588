import type { Activity } from 'botbuilder';
import { TestConversation } from '../conversation';
import { testBotApp } from '../helpers';

const bot = { id: '28:bot-app-id', name: 'ICP Filing Assistant' };

function teams(conversationType: 'personal' | 'groupChat' | 'channel') {
  const talk = new TestConversation(testBotApp().bot, 'en-US', 'msteams');
  const base: Partial<Activity> = {
    channelId: 'msteams',
    recipient: bot,
    conversation: { id: `19:${conversationType}`, conversationType, isGroup: conversationType !== 'personal', name: conversationType },
  };
  return {
    talk,
    say: (text: string, extra: Partial<Activity> = {}) => talk.say({ ...base, type: 'message', text, ...extra }),
    install: (members: { id: string; name: string }[]) => talk.say({ ...base, type: 'conversationUpdate', text: undefined, membersAdded: members }),
  };
}

const mention = (text: string): Partial<Activity> => ({
  text: `<at>${bot.name}</at> ${text}`,
  entities: [{ type: 'mention', mentioned: bot, text: `<at>${bot.name}</at>` }],
});

describe('Microsoft Teams', () => {
  it('welcomes when the app is installed (the bot is added)', async () => {
    const replies = await teams('personal').install([bot]);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/ICP Filing Assistant/);
  });

  it('does not welcome again every time someone joins a team', async () => {
    expect(await teams('channel').install([{ id: '29:new-colleague', name: 'Wang' }])).toEqual([]);
  });

  it('removes the @mention before matching', async () => {
    const { say } = teams('channel');
    const [reply] = await say('', mention('do I need an ICP filing if my server is in Hong Kong'));
    expect(reply.text).toMatch(/doesn't need an ICP filing/);
  });

  it('puts the options in card buttons in a channel, where Teams shows no suggested actions', async () => {
    const { say } = teams('channel');
    const [reply] = await say('', mention('bbs filing'));
    expect(reply.suggestedActions).toBeUndefined();
    const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.hero');
    const buttons = (card?.content as { buttons: { type: string; title: string; text: string }[] }).buttons;
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons[0]).toMatchObject({ type: 'messageBack', text: buttons[0].title });
  });

  it('keeps suggested actions in a personal chat', async () => {
    const [reply] = await teams('personal').say('bbs filing');
    expect(reply.suggestedActions?.actions.length).toBeGreaterThanOrEqual(2);
    expect(reply.attachments ?? []).toEqual([]);
  });

  it('runs the check in a group chat with card buttons and an Adaptive Card result Teams renders', async () => {
    const { say } = teams('groupChat');
    const [question] = await say('check my situation');
    expect(question.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.hero');
    await say('HK');
    const replies = await say('no');
    const result = replies[replies.length - 1];
    const adaptive = result.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(Number((adaptive?.content as { version: string }).version)).toBeLessThanOrEqual(1.5);
    expect(result.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.hero')).toBe(true);
  });
});
