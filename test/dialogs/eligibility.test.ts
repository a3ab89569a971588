import type { Activity } from 'botbuilder';
import { TestConversation } from '../conversation';
import { testBotApp } from '../helpers';

function start(locale = 'en-US', channelId?: string) {
  return new TestConversation(testBotApp().bot, locale, channelId);
}

const card = (reply: Partial<Activity> | undefined) => reply?.attachments?.[0];
const cardText = (reply: Partial<Activity> | undefined) => JSON.stringify(card(reply)?.content ?? {});
const last = (replies: Partial<Activity>[]) => replies[replies.length - 1];

describe('eligibility check: short paths', () => {
  it.each([
    ['en-US', 'check my situation', 'HK', 'no', /Where is the server/, /ICP filing needed","value":"No"/],
    ['en-US', 'check my situation', 'Hong Kong', 'No', /Where is the server/, /ICP filing needed","value":"No"/],
    ['zh-CN', '检查我的情况', '香港', '没有', /服务器在哪里|服务器/, /是否需要备案","value":"否"/],
  ])('%s: a site hosted in Hong Kong without mainland CDN needs two questions', async (locale, opening, where, cdn, firstPrompt, verdict) => {
    const talk = start(locale);
    const [intro] = await talk.say(opening);
    expect(intro.text).toMatch(firstPrompt);
    expect(TestConversation.buttons(intro).length).toBeGreaterThanOrEqual(2);
    const [second] = await talk.say(where);
    expect(second.text).toMatch(/CDN/);
    const result = await talk.say(cdn);
    expect(card(last(result))?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(last(result))).toMatch(verdict);
  });

  it('shows a card of schema 1.5 or lower, which Teams renders, with the result buttons', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('Outside mainland China (e.g. Hong Kong, Singapore, US)');
    const reply = last(await talk.say('No'));
    const content = card(reply)?.content as { version: string };
    expect(Number(content.version)).toBeLessThanOrEqual(1.5);
    expect(TestConversation.buttons(reply)).toEqual(['Why?', 'Talk to a person', 'Start the check over']);
  });

  it('folds the card’s sources behind a toggle naming how many there are, and keeps them in the plain text', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('Outside mainland China (e.g. Hong Kong, Singapore, US)');
    const reply = last(await talk.say('No'));
    const body = (card(reply)?.content as { body: Record<string, unknown>[] }).body;
    const sources = body.find((element) => element.id === 'sources');
    expect(sources).toMatchObject({ type: 'TextBlock', isVisible: false, text: expect.stringMatching(/^- \[.+\]\(https:\/\//) });
    const count = String(sources?.text).split('\n').length;
    const toggle = body.find((element) => element.type === 'ActionSet' && JSON.stringify(element.actions).includes('"sources"')) as { actions: Record<string, unknown>[] } | undefined;
    expect(toggle?.actions).toEqual([{ type: 'Action.ToggleVisibility', title: `Sources (${count})`, targetElements: ['sources'] }]);
    // No other block repeats them; the card's fallback text (channels that cannot render it) lists them.
    expect(body.filter((element) => element.type === 'TextBlock' && element.text === 'Sources')).toEqual([]);
    expect((card(reply)?.content as { fallbackText: string }).fallbackText).toMatch(/\*\*Sources\*\*\n- \[/);
  });

  it('folds the advice for facts it did not ask behind a toggle, one line for each condition, and keeps it in the plain text', async () => {
    const talk = start('zh-CN');
    await talk.say('我是个人，服务器在阿里云杭州，想做个博客');
    await talk.say('浙江');
    const replies = await talk.say('浙江');
    const result = replies.find((reply) => card(reply) !== undefined);
    const body = (card(result!)?.content as { body: Record<string, unknown>[] }).body;
    const advice = body.find((element) => element.id === 'conditional');
    expect(advice).toMatchObject({ type: 'TextBlock', isVisible: false });
    const lines = String(advice?.text).split('\n');
    const toggle = body.find((element) => element.type === 'ActionSet' && JSON.stringify(element.actions).includes('"conditional"')) as { actions: Record<string, unknown>[] } | undefined;
    expect(toggle?.actions).toEqual([{ type: 'Action.ToggleVisibility', title: `视您的情况而定（${lines.length} 条）`, targetElements: ['conditional'] }]);
    // Each condition once: advice on the same facts is one line.
    const conditions = lines.map((line) => line.split('：')[0]);
    expect(new Set(conditions).size).toBe(conditions.length);
    expect(body.filter((element) => element.type === 'TextBlock' && element.text === '视您的情况而定')).toEqual([]);
    expect((card(result!)?.content as { fallbackText: string }).fallbackText).toMatch(/\*\*视您的情况而定\*\*\n- 如果/);
  });

  it('gives the result as plain text on a channel without cards', async () => {
    const talk = start('en-US', 'sms');
    await talk.say('check my situation');
    await talk.say('HK');
    const reply = last(await talk.say('no'));
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toMatch(/ICP filing needed: No/);
  });

  it('explains the result in plain words on "why?"', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('HK');
    await talk.say('no');
    const [why] = await talk.texts('why?');
    expect(why).toMatch(/does not need an ICP filing\. — because you answered: server location: Outside mainland China.*mainland CDN: No/);
  });

  it('says there is nothing to explain before any check', async () => {
    expect(await start().texts('why?')).toEqual([expect.stringMatching(/no check result to explain yet/)]);
  });
});

describe('eligibility check: pre-filled opening', () => {
  it('starts with entity type and hosting answered from "we are a German company with a server in Shanghai"', async () => {
    const talk = start();
    const [reply] = await talk.say('we are a German company with a server in Shanghai');
    expect(reply.text).toMatch(/From what you wrote I understood: server location: In mainland China; owner: An enterprise registered outside mainland China/);
    expect(reply.text).toMatch(/What does your enterprise have in mainland China\?/);
  });

  it('answers the question for the case, then keeps its facts for the check', async () => {
    const talk = start('zh-CN');
    const [reply] = await talk.say('我们是德国公司，服务器在上海，需要备案吗？');
    expect(reply.text).toMatch(/您的服务器在上海市[\s\S]*是的，您需要办理 ICP 备案/);
    const [check] = await talk.say('检查我的情况');
    expect(check.text).toMatch(/根据您的描述/);
    expect(check.text).not.toMatch(/服务器在哪里/);
  });

  it('still answers an FAQ question that states only one fact', async () => {
    const [reply] = await start().say('my server is in hong kong, do i need icp');
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toMatch(/doesn't need an ICP filing/);
  });
});

describe('eligibility check: free text and full paths', () => {
  it('reaches a result for a foreign enterprise with a branch in Guangdong and a gaming site, the permit given as a condition', async () => {
    const talk = start();
    await talk.say('we are a German company with a server in Shanghai');
    const steps: [string, RegExp][] = [
      ['a registered branch', /What will the site offer/],
      ['online games', /province/],
    ];
    for (const [answer, next] of steps) {
      const [reply] = await talk.say(answer);
      expect(reply.text).toMatch(next);
    }
    const reply = last(await talk.say('guangdon'));
    const text = cardText(reply);
    expect(text).toMatch(/Guangdong/);
    expect(text).toMatch(/Internet Culture Business Permit/);
    expect(text).toMatch(/If you do not hold the Internet Culture Business Permit yet/);
  });

  it.each([
    ['广东省', 'guangdong'],
    ['guangdong', 'guangdong'],
    ['Shangai', 'shanghai'],
  ])('reads the province %s', async (answer) => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('mainland');
    await talk.say('An organisation registered in mainland China');
    await talk.say('a company website');
    // The province is the last question for this case: the result follows.
    const reply = last(await talk.say(answer));
    expect(reply.text ?? '').not.toMatch(/didn't understand/);
    expect(card(reply)).toBeDefined();
  });

  it('keeps a fact told instead of the answer, says it back and asks again; "back" takes it back', async () => {
    const talk = start();
    await talk.say('we are a Singapore company and want a website for China, what do we need?');
    const [noted] = await talk.say("we don't have any entity in China");
    expect(noted.text).toMatch(/^Noted: presence in mainland China: Nothing yet\.[\s\S]*Where is the server/);
    // Not asked again later: the result follows the server's place.
    const result = last(await talk.say('Alibaba Cloud Shanghai'));
    expect(card(result)).toBeDefined();
    const again = start();
    await again.say('we are a Singapore company and want a website for China, what do we need?');
    await again.say("we don't have any entity in China");
    const [back] = await again.say('back');
    expect(back.text).toMatch(/^Where is the server/);
    // The fact taken back is asked for once the server is known.
    const [presence] = await again.say('Alibaba Cloud Shanghai');
    expect(card(presence)).toBeUndefined();
    expect(presence.text).toMatch(/mainland China/);
    const zh = start('zh-CN');
    await zh.say('我们是新加坡公司，想做个中文网站，需要做什么');
    const [zhNoted] = await zh.say('我们在中国没有任何机构');
    expect(zhNoted.text).toMatch(/^好的，已记下：在大陆的机构: 暂时没有。[\s\S]*服务器在哪里/);
  });

  it('says what the answer changes to a user who is not sure, and asks again', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('outside mainland china');
    const [reply] = await talk.say('not sure');
    expect(reply.text).toMatch(/^If you're not sure, this may help you decide\.[\s\S]*Why I ask: [\s\S]*Will a CDN with nodes in mainland China serve your site\?/);
    const zh = start('zh-CN');
    await zh.say('检查我的情况');
    await zh.say('香港');
    // 不太清楚 begins like 不 (no): it is not read as "no CDN".
    const [zhReply] = await zh.say('不太清楚');
    expect(zhReply.text).toMatch(/^如果不确定[\s\S]*CDN 吗？/);
  });

  it('takes a different owner said mid-check as a correction of the one read from the opening, which "back" takes back', async () => {
    const talk = start();
    await talk.say('We are a Hong Kong company, our server would be in Shenzhen. What do we need?');
    const [changed] = await talk.say("sorry, actually it's just me, an individual");
    expect(changed.text).toMatch(/^Changed: owner: Me, as an individual\.[\s\S]*What will the site offer\?/);
    const [again] = await talk.say('back');
    expect(again.text).toMatch(/What does your enterprise have in mainland China\?/);
    const zh = start('zh-CN');
    await zh.say('我们是香港公司，服务器放深圳，需要做什么');
    // 不好意思 begins like 不 (no), and the reply says who files: it is not the answer "nothing in the mainland".
    const [zhChanged] = await zh.say('不好意思，其实是我个人做的');
    expect(zhChanged.text).toMatch(/^好的，已改为：备案主体: 我本人（个人）。[\s\S]*网站将提供哪些内容/);
  });

  it('takes an answer said unsure, with a question mark but no question word, for the answer', async () => {
    const talk = start();
    await talk.say('check my situation');
    const [next] = await talk.say("its a VPS my friend rents for me, I think it's in Guangzhou?");
    expect(next.text).toMatch(/Who will own the filing\?/);
  });

  it('hears not knowing in a reply that tells nothing but the pending fact, and a server weighed on either side', async () => {
    const talk = start();
    await talk.say("We're a Hong Kong company, our server is on Alibaba Cloud Hong Kong");
    // "haven't picked the CDN" is not "no CDN": no result rests on it.
    const [reply] = await talk.say("probably yes? we haven't picked the CDN yet");
    expect(reply.text).toMatch(/^If you're not sure, this may help you decide\.[\s\S]*Will a CDN with nodes in mainland China serve your site\?/);
    const zh = start('zh-CN');
    await zh.say('检查我的情况');
    const [zhReply] = await zh.say('还没买呢，在纠结买华为云北京还是香港的');
    expect(zhReply.text).toMatch(/^如果不确定[\s\S]*托管您网站的服务器在哪里？/);
  });

  it('hears not knowing in a longer reply that nothing else reads', async () => {
    const talk = start();
    await talk.say("We're a Singapore company, what do we need?");
    const [reply] = await talk.say("I don't know yet where the server will be");
    expect(reply.text).toMatch(/^If you're not sure, this may help you decide\.[\s\S]*Why I ask: [\s\S]*Where is the server that hosts your website\?/);
    // A longer reply that does answer is read as the answer, not as not knowing.
    const [next] = await talk.say("not sure about the provider yet, but it will be in Hong Kong");
    expect(next.text).toMatch(/CDN/);
  });

  it('asks again when the answer does not fit the question', async () => {
    const talk = start();
    await talk.say('check my situation');
    const [reply] = await talk.say('purple monkey dishwasher');
    expect(reply.text).toMatch(/didn't understand that answer[\s\S]*Where is the server/);
  });
});

describe('eligibility check: controls and interruptions', () => {
  it('keeps the facts of a statement answered with an entry, and does not ask for them later', async () => {
    const talk = start('zh-CN');
    await talk.say('检查我的情况');
    await talk.say('阿里云北京');
    await talk.say('个人');
    const replies = await talk.say('我身份证是湖南的，但在北京工作');
    // The entry on filing away from one's ID province, then the facts said back and the pending question again.
    expect(replies[0].text).toMatch(/异地备案/);
    expect(last(replies).text).toMatch(/^好的，已记下：身份证所在省份: 湖南省; 居住省份: 北京市。[\s\S]*网站将提供哪些内容/);
    const next = last(await talk.say('一般内容'));
    expect(next.text).not.toMatch(/身份证.*哪个省/);
    expect(next.text).toMatch(/外省身份证/);
  });

  it('explains a question on "why do you ask?" and asks it again', async () => {
    const talk = start();
    await talk.say('check my situation');
    const [reply] = await talk.say('why do you ask?');
    expect(reply.text).toMatch(/Why I ask: Only sites hosted in mainland China need an ICP filing[\s\S]*Where is the server/);
  });

  it('goes one question back on "back" and keeps the earlier answers', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('mainland');
    await talk.say('me, as an individual');
    const [back] = await talk.say('back');
    expect(back.text).toMatch(/Who will own the filing/);
    const [again] = await talk.say('An organisation registered in mainland China');
    expect(again.text).toMatch(/What will the site offer/);
  });

  it('restarts the check on "restart" and stops it on "cancel"', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('mainland');
    expect((await talk.texts('restart'))[0]).toMatch(/start the check again[\s\S]*Where is the server/);
    expect(await talk.texts('cancel')).toEqual([expect.stringMatching(/stopped the check/)]);
    expect((await talk.say('bbs filing'))[0].text).toMatch(/BBS|forum/i);
  });

  it('answers a knowledge-base question asked mid-check, then asks the pending question again', async () => {
    const talk = start();
    await talk.say('check my situation');
    await talk.say('mainland');
    const replies = await talk.texts('do I need a filing to use a CDN?');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/CDN/);
    expect(replies[1]).toMatch(/Back to the check:[\s\S]*Who will own the filing/);
    const [next] = await talk.say('An organisation registered in mainland China');
    expect(next.text).toMatch(/What will the site offer/);
  });

  it('handles the controls in Chinese', async () => {
    const talk = start('zh-CN');
    await talk.say('检查我的情况');
    expect((await talk.texts('为什么'))[0]).toMatch(/为什么问/);
    await talk.say('大陆');
    expect((await talk.texts('返回'))[0]).toMatch(/服务器/);
    expect(await talk.texts('取消')).toEqual([expect.stringMatching(/已停止检查/)]);
  });
});
