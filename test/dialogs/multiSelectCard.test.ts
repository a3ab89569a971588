import type { Activity, Attachment } from 'botbuilder';
import { MULTI_SELECT_INPUT, MULTI_SELECT_QUESTION } from '../../src/check/replies';
import { TestConversation } from '../conversation';
import { testBotApp } from '../helpers';

/** The Adaptive Card among a turn's replies, if any. */
function cardOf(replies: Partial<Activity>[]): Record<string, any> | undefined {
  const attachment = replies.flatMap((r) => r.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, any> | undefined;
}

/** Walks the check on a card channel to "what will the site offer?" as a mainland organisation. */
async function atSiteTypes(language: 'en' | 'zh-CN') {
  const talk = new TestConversation(testBotApp().bot, language === 'en' ? 'en-US' : 'zh-CN', 'webchat');
  const en = language === 'en';
  await talk.say(en ? 'Check my situation' : '检查我的情况');
  await talk.say(en ? 'In mainland China' : '中国大陆');
  await talk.say(en ? 'An organisation registered in mainland China' : '在中国大陆注册的组织');
  return { talk, replies: await talk.say(en ? 'Liaoning' : '辽宁') };
}

describe('the checkbox card for "what will the site offer?"', () => {
  it.each(['en', 'zh-CN'] as const)('offers every site type as a checkbox and takes several ticked at once (%s)', async (language) => {
    let { talk, replies } = await atSiteTypes(language);
    let card = cardOf(replies);
    // The licence province may come after the site types: answer questions until the card shows.
    for (let guard = 0; !card && guard < 3; guard += 1) {
      replies = await talk.say(language === 'en' ? 'Liaoning' : '辽宁');
      card = cardOf(replies);
    }
    expect(card).toBeDefined();
    const choiceSet = card!.body.find((element: Record<string, unknown>) => element.type === 'Input.ChoiceSet');
    expect(choiceSet).toMatchObject({ id: MULTI_SELECT_INPUT, isMultiSelect: true });
    expect(choiceSet.choices.map((c: { value: string }) => c.value)).toEqual(['general', 'gaming', 'bbs', 'adult-products']);
    const submit = card!.actions.find((a: Record<string, unknown>) => a.type === 'Action.Submit');

    // What Web Chat sends for "Done" with two boxes ticked: the action's data plus the input, and no text.
    const afterSubmit = await talk.say({ text: undefined, value: { ...submit.data, [MULTI_SELECT_INPUT]: 'gaming,bbs' } });
    let last = afterSubmit;
    for (let guard = 0; !cardOf(last)?.body?.some((e: Record<string, unknown>) => e.type === 'FactSet') && guard < 5; guard += 1) {
      last = await talk.say(language === 'en' ? 'Liaoning' : '辽宁');
    }
    const why = (await talk.say(language === 'en' ? 'Why?' : '为什么？')).map((r) => r.text ?? '').join('\n');
    // Both ticked kinds count: a gaming site needs the culture permit, a forum the BBS approval.
    expect(why).toContain(language === 'en' ? 'Internet Culture Business Permit' : '网络文化经营许可证');
    expect(why).toMatch(language === 'en' ? /BBS/ : /BBS|论坛/);
    expect(submit.data[MULTI_SELECT_QUESTION]).toBe('site-types');
  });

  it('asks again, without moving on, when the card comes back with nothing ticked', async () => {
    const { talk, replies } = await atSiteTypes('en');
    const card = cardOf(replies) ?? cardOf(await talk.say('Liaoning'));
    expect(card).toBeDefined();
    const submit = card!.actions.find((a: Record<string, unknown>) => a.type === 'Action.Submit');
    const again = await talk.say({ text: undefined, value: { ...submit.data } });
    expect(again.map((r) => r.text ?? '').join('\n')).not.toMatch(/Your ICP filing check/);
    expect(cardOf(again)?.body.some((e: Record<string, unknown>) => e.type === 'Input.ChoiceSet')).toBe(true);
  });

  it.each([
    ['en', 'card'],
    ['en', 'Done'],
    ['zh-CN', 'card'],
    ['zh-CN', '完成'],
  ] as const)('says that nothing was ticked, rather than that the answer was not understood (%s, %s)', async (language, how) => {
    const { talk, replies } = await atSiteTypes(language);
    const card = cardOf(replies) ?? cardOf(await talk.say(language === 'en' ? 'Liaoning' : '辽宁'));
    const submit = card!.actions.find((a: Record<string, unknown>) => a.type === 'Action.Submit');
    const again = (await talk.say(how === 'card' ? { text: undefined, value: { ...submit.data } } : how)).map((r) => r.text ?? '').join('\n');
    expect(again).toContain(language === 'en' ? 'Nothing was ticked' : '您还没有勾选任何一项');
    expect(again).not.toContain(language === 'en' ? "didn't understand" : '没有理解');
  });

  it.each(['en', 'zh-CN'] as const)('says with the question which option a site with none of the special kinds takes (%s)', async (language) => {
    const { talk, replies } = await atSiteTypes(language);
    const asked = cardOf(replies) ? replies : await talk.say(language === 'en' ? 'Liaoning' : '辽宁');
    expect(asked.map((r) => r.text ?? '').join('\n')).toContain(language === 'en' ? 'is general content' : '都属于一般内容');
  });
});
