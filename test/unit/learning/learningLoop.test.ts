import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { buildBotApp, type BotApp } from '../../../src/app';
import type { LearningEvent } from '../../../src/learning/events';
import { TestConversation } from '../../conversation';
import { sharedCore, testBotApp, testConfig } from '../../helpers';

const HONG_KONG = 'do I need an ICP filing if my server is in Hong Kong';

async function events(app: BotApp): Promise<LearningEvent[]> {
  const log = app.learning?.eventLog;
  if (!log) throw new Error('no event log');
  await log.drain();
  return (await log.read(new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000))).events;
}

function start(env: Record<string, string> = {}, locale = 'en-US') {
  const app = testBotApp(env);
  return { app, talk: new TestConversation(app.bot, locale) };
}

describe('the "Helpful?" buttons', () => {
  it('follow an answer in the reply language', async () => {
    const { talk } = start({}, '');
    const [reply] = await talk.say('我的服务器在香港，需要备案吗？');
    expect(TestConversation.buttons(reply).slice(-2)).toEqual(['👍 有帮助', '👎 没帮助']);
  });

  it('are not under "Did you mean…" or the fallback', async () => {
    const { talk } = start();
    const [fallback] = await talk.say('purple monkey dishwasher');
    expect(TestConversation.buttons(fallback)).not.toContain('👍 Helpful');
  });

  it('are card buttons in a Teams group chat, and their click counts as feedback', async () => {
    const app = testBotApp();
    const talk = new TestConversation(app.bot, 'en-US', 'msteams');
    const group = { channelId: 'msteams', recipient: { id: '28:bot', name: 'bot' }, conversation: { id: '19:group', conversationType: 'groupChat', isGroup: true, name: 'g' } };
    const [reply] = await talk.say({ ...group, type: 'message', text: HONG_KONG });
    const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.hero');
    const buttons = (card?.content as { buttons: { type: string; title: string; text: string }[] }).buttons;
    const helpful = buttons.find((b) => b.title === '👍 Helpful');
    expect(helpful).toMatchObject({ type: 'messageBack', text: '👍 Helpful' });
    const [thanks] = await talk.say({ ...group, type: 'message', text: helpful?.text });
    expect(thanks.text).toBe('Thanks for telling me! Anything else about ICP filing?');
    expect((await events(app)).map((e) => e.type)).toEqual(['question', 'feedback']);
  });

  it('are not shown, and nothing is recorded, with EVENT_LOG=off', async () => {
    const { app, talk } = start({ EVENT_LOG: 'off' });
    const [reply] = await talk.say(HONG_KONG);
    expect(TestConversation.buttons(reply)).not.toContain('👍 Helpful');
    expect(app.learning).toBeUndefined();
  });
});

describe('feedback', () => {
  it('👍 is thanked and recorded against the answer, not matched as a question', async () => {
    const { app, talk } = start();
    await talk.say(HONG_KONG);
    expect(await talk.texts('👍 Helpful')).toEqual(['Thanks for telling me! Anything else about ICP filing?']);
    const [question, feedback] = await events(app);
    expect(question).toMatchObject({ type: 'question', outcome: 'answer', entry: 'hosted-outside-mainland', text: HONG_KONG });
    expect(feedback).toMatchObject({ type: 'feedback', helpful: true, ref: question.id, entry: 'hosted-outside-mainland', text: HONG_KONG });
  });

  it('gives every event an id of its own, 12 base64url characters', async () => {
    const { app, talk } = start();
    await talk.say(HONG_KONG);
    await talk.say('👎 Not helpful');
    await talk.say('purple monkey dishwasher');
    const ids = (await events(app)).map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('takes the bare emoji (any skin tone) as feedback', async () => {
    const { app, talk } = start();
    await talk.say(HONG_KONG);
    expect(await talk.texts('👍🏽')).toEqual(['Thanks for telling me! Anything else about ICP filing?']);
    expect((await events(app)).map((e) => e.type)).toEqual(['question', 'feedback']);
  });

  it('👎 offers the next candidates and a person; a pick is recorded with the entry rated 👎', async () => {
    const { app, talk } = start();
    await talk.say(HONG_KONG);
    const [sorry] = await talk.say('👎 Not helpful');
    expect(sorry.text).toMatch(/^Sorry that didn't help/);
    const buttons = TestConversation.buttons(sorry);
    expect(buttons[buttons.length - 1]).toBe('Talk to a person');
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    const [answer] = await talk.say(buttons[0]);
    expect(TestConversation.buttons(answer).slice(-2)).toEqual(['👍 Helpful', '👎 Not helpful']);
    const [question, feedback, pick] = await events(app);
    expect(feedback).toMatchObject({ type: 'feedback', helpful: false, ref: question.id, entry: 'hosted-outside-mainland' });
    expect(pick).toMatchObject({ type: 'pick', after: 'dislike', ref: feedback.id, shown: 'hosted-outside-mainland', text: HONG_KONG });
    expect(pick.type === 'pick' && pick.entry).not.toBe('hosted-outside-mainland');
  });

  it('a 👍 as the first message is not thanked for a rating nobody gave, nor recorded', async () => {
    const { app, talk } = start();
    expect(await talk.texts('👍')).toEqual(['I can only read words, not emoji or symbols. Please type your question.']);
    expect(await events(app)).toEqual([]);
  });

  it('a 👍 after a reply that was not an answer is not thanked either', async () => {
    const { talk } = start();
    await talk.say('purple monkey dishwasher');
    expect(await talk.texts('👍')).not.toContain('Thanks for telling me! Anything else about ICP filing?');
  });

  it('in the middle of the check, belongs to the check', async () => {
    const { app, talk } = start();
    await talk.say('check my situation');
    const [reply] = await talk.say('👍 Helpful');
    expect(reply.text).toMatch(/^Sorry, I didn't understand that answer/);
    expect(await events(app)).toEqual([]);
  });

  it('refers only to the last answer: after another question it is no longer pending', async () => {
    const { app, talk } = start();
    await talk.say(HONG_KONG);
    await talk.say('purple monkey dishwasher');
    await talk.say('👎');
    expect((await events(app)).filter((e) => e.type === 'feedback')).toEqual([]);
  });
});

describe('recording questions', () => {
  it('records the pick after "Did you mean…" with the offered entries', async () => {
    const { app, talk } = start();
    const [clarify] = await talk.say('my beian is pending');
    expect(clarify.text).toMatch(/Did you mean/);
    const offered = TestConversation.buttons(clarify);
    await talk.say(offered[1]);
    const [question, pick] = await events(app);
    expect(question).toMatchObject({ type: 'question', outcome: 'clarify' });
    expect(question.type === 'question' && question.candidates.length).toBe(offered.length);
    expect(pick).toMatchObject({ type: 'pick', after: 'clarify', ref: question.id, text: 'my beian is pending' });
    expect(pick.type === 'pick' && pick.offered).toEqual(question.type === 'question' ? question.candidates.map((c) => c.id) : []);
  });

  it('marks a follow-up, and the 👍 on its answer, so that neither labels an example', async () => {
    const { app, talk } = start();
    await talk.say('How long does an ICP filing take?');
    const [answer] = await talk.say('and is it free?');
    expect(answer.text).toMatch(/free/);
    await talk.say('👍 Helpful');
    const [first, followUp, feedback] = await events(app);
    expect(first).toMatchObject({ type: 'question', outcome: 'answer' });
    expect(first).not.toHaveProperty('followUp');
    expect(followUp).toMatchObject({ type: 'question', text: 'and is it free?', outcome: 'answer', entry: 'filing-cost', followUp: true });
    expect(feedback).toMatchObject({ type: 'feedback', ref: followUp.id, helpful: true, followUp: true });
  });

  it('marks the pick after "Did you mean…" on a follow-up', async () => {
    const { app, talk } = start();
    await talk.say('How long does an ICP filing take?');
    const [clarify] = await talk.say('and what about the other ones?');
    expect(clarify.text).toMatch(/Did you mean/);
    await talk.say(TestConversation.buttons(clarify)[0]);
    const [, question, pick] = await events(app);
    expect(question).toMatchObject({ type: 'question', outcome: 'clarify', followUp: true });
    expect(pick).toMatchObject({ type: 'pick', ref: question.id, followUp: true });
  });

  it('records a question asked in the middle of the check', async () => {
    const { app, talk } = start();
    await talk.say('check my situation');
    const [answer] = await talk.say("what happens if I don't have an ICP filing");
    expect(answer.text).not.toMatch(/didn't understand/);
    const [question] = await events(app);
    expect(question).toMatchObject({ type: 'question', text: "what happens if I don't have an ICP filing", outcome: 'answer' });
  });

  it('records unanswered questions with their candidates and scores', async () => {
    const { app, talk } = start();
    await talk.say('purple monkey dishwasher');
    const [question] = await events(app);
    expect(question).toMatchObject({ type: 'question', outcome: 'none', language: 'en', channel: 'test' });
    expect(question.type === 'question' && question.candidates.every((c) => c.score >= 0 && c.score <= 1)).toBe(true);
  });

  it('removes personal data before anything is stored', async () => {
    const { app, talk } = start();
    await talk.say('my phone is 13812345678, do I need an ICP filing if my server is in Hong Kong');
    const [question] = await events(app);
    expect(question.type === 'question' && question.text).toBe('my phone is [phone], do I need an ICP filing if my server is in Hong Kong');
    expect(question.user).not.toContain('user');
  });

  it("writes a question event's fields in the order it is stored in, the entry last and only for an answer", () => {
    const { app } = start();
    const loop = app.learning!;
    const origin = { channelId: 'test', userId: 'user-1' };
    const [answered] = loop.question(app.recognizer.recognize('how long does the ICP filing take', 'en'), {}, origin).events;
    const [unanswered] = loop.question(app.recognizer.recognize('purple monkey dishwasher', 'en'), {}, origin).events;
    const fields = ['id', 'at', 'userKey', 'channel', 'language', 'type', 'text', 'outcome', 'candidates'];
    expect(Object.keys(answered!)).toEqual([...fields, 'entry']);
    expect(answered).toMatchObject({ userKey: 'test:user-1', channel: 'test', language: 'en', type: 'question', outcome: 'answer', entry: 'filing-duration' });
    expect(Object.keys(unanswered!)).toEqual(fields);
  });

  it('does not record chat intents', async () => {
    const { app, talk } = start();
    await talk.say('hello');
    expect(await events(app)).toEqual([]);
  });
});

/** Memory storage whose first write of conversation state fails with an eTag conflict, as when another instance saved first. */
class ConflictOnce extends MemoryStorage {
  conflicts = 0;
  override async write(changes: StoreItems): Promise<void> {
    if (this.conflicts === 0 && Object.keys(changes).some((key) => key.includes('/conversations/'))) {
      this.conflicts += 1;
      throw new Error('Storage: error writing "x" due to eTag conflict.');
    }
    return super.write(changes);
  }
}

/** Memory storage that cannot save conversation or user state (the event log's keys still work). */
class StateDown extends MemoryStorage {
  override async write(changes: StoreItems): Promise<void> {
    if (Object.keys(changes).some((key) => !key.startsWith('icp-learning/'))) throw new Error('connection refused');
    return super.write(changes);
  }
}

function appOn(storage: Storage): BotApp {
  return buildBotApp(testConfig(), { storage, log: () => undefined, core: sharedCore() });
}

describe('turns that run more than once or fail', () => {
  it('records a turn that ran again after an eTag conflict once', async () => {
    const storage = new ConflictOnce();
    const app = appOn(storage);
    const talk = new TestConversation(app.bot, 'en-US');
    const replies = await talk.say(HONG_KONG);
    expect(storage.conflicts).toBe(1);
    expect(replies).toHaveLength(1);
    expect((await events(app)).map((e) => e.type)).toEqual(['question']);
  });

  it('records nothing for a turn whose state could not be saved', async () => {
    const app = appOn(new StateDown());
    const talk = new TestConversation(app.bot, 'en-US');
    await expect(talk.say(HONG_KONG)).rejects.toThrow();
    expect(await events(app)).toEqual([]);
  });
});
