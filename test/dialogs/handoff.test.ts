import { TurnContext, type Activity } from 'botbuilder';
import type { DeskNotice } from '../../src/handoff/deskNotice';
import { turnRecord } from '../../src/turn/turnRecord';
import type { CaseFile } from '../../src/handoff/types';
import { TestConversation } from '../conversation';
import { testBotApp } from '../helpers';

const DESK = { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123' };

/** A conversation with a bot whose handoff goes to the built-in desk (or the protocol). */
function setUp(env: Record<string, string> = DESK) {
  const app = testBotApp(env);
  // No locale on the activities, as in a channel that sends none: the text's language decides.
  const conversation = new TestConversation(app.bot, '');
  return { app, conversation };
}

/** Runs a desk notice in a proactive turn of the conversation, as the desk's routes do. */
async function notice(conversation: TestConversation, bot: { run(context: TurnContext): Promise<void> }, value: DeskNotice): Promise<Partial<Activity>[]> {
  // TestAdapter has no continueConversation: the proactive turn's ContinueConversation event, with the notice on the turn record.
  const activity = { ...conversation.adapter.makeActivity(), type: 'event', name: 'ContinueConversation', text: undefined };
  await conversation.adapter.processActivity(activity, async (context: TurnContext) => {
    turnRecord(context).deskNotice = value;
    await bot.run(context);
  });
  return conversation.adapter.activeQueue.splice(0);
}

describe('asking for a person', () => {
  it.each([
    ['talk to a person', /pass this conversation to a person/],
    ['agent', /pass this conversation to a person/],
    ['I want a human', /pass this conversation to a person/],
    ['talk to someone', /pass this conversation to a person/],
    ['Talk to a person', /pass this conversation to a person/],
    ['人工', /转给我们的人工客服/],
    ['转人工', /转给我们的人工客服/],
    ['我要人工', /转给我们的人工客服/],
    ['人工客服', /转给我们的人工客服/],
  ])('"%s" is offered a person, with yes and no', async (text, expected) => {
    const { conversation } = setUp();
    const [offer] = await conversation.say(text);
    expect(offer.text).toMatch(expected);
    expect(TestConversation.buttons(offer)).toHaveLength(2);
  });

  it('stays with the bot on no', async () => {
    const { app, conversation } = setUp();
    await conversation.say('talk to a person');
    expect(await conversation.texts('No, stay with the bot')).toEqual([expect.stringMatching(/I'm still here/)]);
    expect(await app.desk!.list()).toEqual([]);
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('handles another question instead of an answer to the offer', async () => {
    const { app, conversation } = setUp();
    await conversation.say('human');
    expect((await conversation.texts('can a foreign company apply for an ICP filing'))[0]).toMatch(/branch/);
    expect(await app.desk!.list()).toEqual([]);
  });

  it.each([
    ['human', 'can a foreign company apply for an ICP filing', 'Yes, connect me'],
    ['转人工', '外国公司能备案吗', '好的，转人工'],
  ])('hands over when the offer\'s yes is clicked after a question asked in between, without asking again (%s)', async (ask, between, yes) => {
    const { app, conversation } = setUp();
    await conversation.say(ask);
    await conversation.say(between);
    const replies = (await conversation.texts(yes)).join('\n');
    expect(replies).not.toMatch(/Shall I connect you|现在为您转接吗/);
    expect(await app.desk!.list()).toHaveLength(1);
  });

  it('says how things stand without a handoff configured (HANDOFF=off)', async () => {
    const { conversation } = setUp({});
    expect(await conversation.texts('talk to a person')).toEqual([expect.stringMatching(/No customer-service agent is connected/)]);
  });
});

describe('the built-in desk, from the user side', () => {
  it('queues the conversation with a case file that spares the user repeating themselves', async () => {
    const { app, conversation } = setUp();
    await conversation.say('can a foreign company apply for an ICP filing');
    await conversation.say('how much does a unicorn cost');
    await conversation.say('talk to a person');
    const [queued] = await conversation.say('Yes, connect me');
    expect(queued.text).toMatch(/number 1/);
    expect(TestConversation.buttons(queued)).toEqual(['Leave the queue']);

    const [deskCase] = await app.desk!.list();
    const file: CaseFile = deskCase.caseFile;
    expect(file.reason).toBe('requested');
    expect(file.language).toBe('en');
    const said = file.transcript.filter((l) => l.from === 'user').map((l) => l.text);
    expect(said).toEqual(['can a foreign company apply for an ICP filing', 'how much does a unicorn cost', 'talk to a person', 'Yes, connect me']);
    expect(file.transcript.some((l) => l.from === 'bot' && /branch/.test(l.text))).toBe(true);
    expect(file.lastUnanswered?.text).toBe('how much does a unicorn cost');
  });

  it("keeps what the user said in a long conversation, dropping the bot's oldest lines first", async () => {
    const { app, conversation } = setUp({ ...DESK, HANDOFF_AFTER_FAILURES: '0' });
    const said = Array.from({ length: 120 }, (_, i) => `pizza topping number ${i + 1}`);
    for (const text of said) await conversation.say(text);
    await conversation.say('talk to a person');
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    const userLines = deskCase.caseFile.transcript.filter((l) => l.from === 'user').map((l) => l.text);
    expect(userLines).toEqual([...said, 'talk to a person', 'Yes, connect me']);
    expect(deskCase.caseFile.transcript.length).toBe(200);
  });

  it('passes messages on while waiting, tells the place, and lets the user leave', async () => {
    const { app, conversation } = setUp();
    await conversation.say('talk to a person');
    await conversation.say('Yes, connect me');
    expect(await conversation.texts('my licence is from Shanghai')).toEqual([expect.stringMatching(/number 1 in the queue/)]);
    const [waiting] = await app.desk!.list();
    expect(waiting.messages.map((m) => m.text)).toEqual(['my licence is from Shanghai']);

    expect(await conversation.texts('Leave the queue')).toEqual([expect.stringMatching(/left the queue/)]);
    expect(await app.desk!.list()).toEqual([]);
    expect((await app.desk!.get(waiting.id))?.status).toBe('left');
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('lets the agent join, relays both ways, and gives the conversation back to the bot at the end', async () => {
    const { app, conversation } = setUp();
    await conversation.say('talk to a person');
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    await app.desk!.claim(deskCase.id, 'alice');
    const joined = await notice(conversation, app.bot, { kind: 'claimed', caseId: deskCase.id, agent: 'alice' });
    expect(joined.map((a) => a.text)).toEqual([expect.stringMatching(/alice from our support team has joined/)]);

    // The user's messages go to the agent; the bot says nothing of its own.
    expect(await conversation.texts('what is a CDN?')).toEqual([]);
    expect((await app.desk!.get(deskCase.id))?.messages.map((m) => m.text)).toEqual(['what is a CDN?']);

    const relayed = await notice(conversation, app.bot, { kind: 'agentMessage', caseId: deskCase.id, agent: 'alice', text: 'A CDN needs a filing too.' });
    expect(relayed.map((a) => a.text)).toEqual(['**alice (support):** A CDN needs a filing too.']);

    await app.desk!.end(deskCase.id, 'agent', 'alice');
    const ended = await notice(conversation, app.bot, { kind: 'ended', caseId: deskCase.id, agent: 'alice' });
    expect(ended.map((a) => a.text)).toEqual([expect.stringMatching(/alice has ended the conversation. I'm back/)]);
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('takes the conversation back when the end could not be delivered', async () => {
    const { app, conversation } = setUp();
    await conversation.say('talk to a person');
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    await app.desk!.claim(deskCase.id, 'alice');
    await app.desk!.end(deskCase.id, 'agent', 'alice');
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('ignores a notice for another case, and an event a client sends pretending to be one', async () => {
    const { app, conversation } = setUp();
    await conversation.say('talk to a person');
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    expect(await notice(conversation, app.bot, { kind: 'agentMessage', caseId: '00000000-0000-0000-0000-000000000000', agent: 'mallory', text: 'hi' })).toEqual([]);
    const forged = await conversation.say({ type: 'event', name: 'ContinueConversation', value: { kind: 'ended', caseId: deskCase.id, agent: 'mallory' } });
    expect(forged).toEqual([]);
    expect((await app.desk!.get(deskCase.id))?.status).toBe('waiting');
  });

  it('works in Chinese', async () => {
    const { app, conversation } = setUp();
    await conversation.say('转人工');
    expect(await conversation.texts('好的，转人工')).toEqual([expect.stringMatching(/排第 1 位/)]);
    const [deskCase] = await app.desk!.list();
    expect(deskCase.caseFile.language).toBe('zh-CN');
    await app.desk!.claim(deskCase.id, 'alice');
    expect((await notice(conversation, app.bot, { kind: 'claimed', caseId: deskCase.id, agent: 'alice' }))[0].text).toMatch(/客服 alice 已加入对话/);
    expect(await conversation.texts('结束对话')).toEqual([expect.stringMatching(/您已结束与客服 alice 的对话/)]);
    expect((await app.desk!.get(deskCase.id))?.status).toBe('ended');
  });
});

describe('offering a person unasked', () => {
  it('after HANDOFF_AFTER_FAILURES unanswered messages in a row', async () => {
    const { conversation } = setUp({ ...DESK, HANDOFF_AFTER_FAILURES: '2' });
    expect((await conversation.texts('asdf qwer'))[0]).toMatch(/I don't have an answer/);
    expect((await conversation.texts('zxcv uiop'))[0]).toMatch(/haven't been able to answer your last few questions/);
  });

  it('not after misses that an answer interrupted', async () => {
    const { conversation } = setUp({ ...DESK, HANDOFF_AFTER_FAILURES: '2' });
    await conversation.say('asdf qwer');
    await conversation.say('bbs filing');
    expect((await conversation.texts('zxcv uiop'))[0]).toMatch(/I don't have an answer/);
  });

  it('when an annoyed message goes unanswered, in English and Chinese', async () => {
    const { conversation } = setUp();
    expect((await conversation.texts('this is useless, you are a stupid bot'))[0]).toMatch(/Sorry this isn't going well/);
    const zh = setUp().conversation;
    expect((await zh.texts('你这个机器人真没用，答非所问'))[0]).toMatch(/抱歉没能帮上忙/);
  });

  it('not with HANDOFF_AFTER_FAILURES=0 or HANDOFF=off', async () => {
    for (const env of [{ ...DESK, HANDOFF_AFTER_FAILURES: '0' }, {}]) {
      const { conversation } = setUp(env);
      for (const text of ['asdf qwer', 'zxcv uiop', 'hjkl bnm', 'qaz wsx']) expect((await conversation.texts(text))[0]).toMatch(/I don't have an answer/);
    }
  });

  it('after a check whose result rests on the province, with the answers in the case file', async () => {
    const { app, conversation } = setUp();
    const steps = ['Check my situation', 'In mainland China', 'Me, as an individual', 'a blog', 'Hunan', 'Guangdong', "I don't know"];
    let replies: Partial<Activity>[] = [];
    for (const step of steps) replies = await conversation.say(step);
    expect(replies.at(-1)?.text).toMatch(/depends on the provincial administration's own decision/);
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    expect(deskCase.caseFile.reason).toBe('needs-person');
    expect(deskCase.caseFile.eligibility?.profile).toMatchObject({ hosting: 'mainland' });
    expect(deskCase.caseFile.eligibility?.needsPerson).toBe(true);
    expect(deskCase.caseFile.eligibility?.result).toBeTruthy();
  });

  it('when the user asks for a person in the middle of the check, keeping the answers so far', async () => {
    const { app, conversation } = setUp();
    await conversation.say('Check my situation');
    await conversation.say('In mainland China');
    expect((await conversation.texts('talk to a person'))[0]).toMatch(/pass this conversation to a person/);
    await conversation.say('Yes, connect me');
    const [deskCase] = await app.desk!.list();
    expect(deskCase.caseFile.eligibility?.profile).toEqual({ hosting: 'mainland' });
    expect(deskCase.caseFile.eligibility?.result).toBeUndefined();
  });
});

describe('the Bot Framework handoff protocol (HANDOFF=protocol)', () => {
  const PROTOCOL = { HANDOFF: 'protocol' };

  async function handedOff() {
    const { conversation } = setUp(PROTOCOL);
    await conversation.say('how much does a unicorn cost');
    await conversation.say('talk to a person');
    const replies = await conversation.say('Yes, connect me');
    return { conversation, replies };
  }

  it('sends handoff.initiate with the case file and the transcript', async () => {
    const { replies } = await handedOff();
    const [event, message] = replies;
    expect(event.type).toBe('event');
    expect(event.name).toBe('handoff.initiate');
    expect(event.value).toMatchObject({ reason: 'requested', language: 'en', lastUnanswered: { text: 'how much does a unicorn cost' } });
    expect(event.value).not.toHaveProperty('transcript');
    const transcript = event.attachments?.[0]?.content as { activities: Partial<Activity>[] };
    expect(event.attachments?.[0]?.name).toBe('Transcript');
    expect(transcript.activities.filter((a) => a.from?.role !== 'bot').map((a) => a.text)).toEqual([
      'how much does a unicorn cost',
      'talk to a person',
      'Yes, connect me',
    ]);
    expect(message.text).toMatch(/asked for a person from our support team to join/);
  });

  it.each([
    ['accepted', undefined, /has joined the conversation/],
    ['failed', undefined, /nobody from our support team could take the conversation right now\. I'm back/],
    ['failed', 'all agents are busy', /\(all agents are busy\)/],
    ['completed', undefined, /has ended the conversation\. I'm back/],
  ])('tells the user about handoff.status %s', async (state, message, expected) => {
    const { conversation } = await handedOff();
    const replies = await conversation.texts({ type: 'event', name: 'handoff.status', value: { state, message } });
    expect(replies).toEqual([expect.stringMatching(expected)]);
  });

  it('answers again after the handoff completed or failed', async () => {
    const { conversation } = await handedOff();
    await conversation.say({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('keeps the user waiting, not answering, until the contact centre replies; "Back to the bot" withdraws', async () => {
    const { conversation } = await handedOff();
    expect(await conversation.texts('hello?')).toEqual([expect.stringMatching(/A person has been asked to join/)]);
    expect(await conversation.texts('Back to the bot')).toEqual([expect.stringMatching(/withdrawn the request/)]);
    expect((await conversation.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('ignores handoff.status when no handoff was asked for, or with an unknown state', async () => {
    const { conversation } = setUp(PROTOCOL);
    expect(await conversation.texts({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } })).toEqual([]);
    const after = await handedOff();
    expect(await after.conversation.texts({ type: 'event', name: 'handoff.status', value: { state: 'teleported' } })).toEqual([]);
    expect(await after.conversation.texts({ type: 'event', name: 'handoff.status', value: 'not an object' })).toEqual([]);
  });
});
