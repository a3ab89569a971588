import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { makeAdapter } from '../../src/adapter';
import { StorageUnavailableError } from '../../src/storage/guardedStorage';
import { sharedCore, testConfig } from '../helpers';

describe('makeAdapter: the turn-error handler', () => {
  const { i18n } = sharedCore();

  async function failingTurn(text: string, locale: string, error: Error = new Error('boom')) {
    const logged: string[] = [];
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const adapter = makeAdapter(testConfig(), { i18n, conversationState, log: (_level, message) => logged.push(message) });
    const counter = conversationState.createProperty<number>('turns');
    const test = new TestAdapter(async (context) => {
      await counter.set(context, 1);
      await conversationState.saveChanges(context);
      await adapter.onTurnError(context, error);
    });
    test.locale = locale;
    await test.receiveActivity(text);
    const replies = test.activeQueue.splice(0);
    return { logged, replies, storage };
  }

  it('logs the error and tells the user in their language', async () => {
    const { logged, replies } = await failingTurn('hello', 'en-US');
    expect(logged).toEqual([expect.stringMatching(/turn error in conversation .*: Error: boom/)]);
    expect(replies.map((r) => r.text)).toEqual(['Sorry, something went wrong on my side. Please try again in a moment.']);
  });

  it('answers in Chinese for a Chinese user', async () => {
    const { replies } = await failingTurn('你好', 'zh-CN');
    expect(replies[0].text).toBe('抱歉，我这边出了点问题，请稍后再试。');
  });

  it('apologises for an unreachable store and keeps the conversation as it was', async () => {
    const { replies, storage, logged } = await failingTurn('hello', 'en-US', new StorageUnavailableError('read', new Error('ECONNREFUSED')));
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/can't reach my memory/)]);
    expect(Object.keys(await storage.read(['test/conversations/Convo1/']))).toEqual(['test/conversations/Convo1/']);
    expect(logged).toEqual([expect.stringMatching(/state store unavailable/)]);
  });

  it('clears the conversation state so the next message starts clean', async () => {
    const { storage } = await failingTurn('hello', 'en-US');
    expect(await storage.read(['test/conversations/Convo1/'])).toEqual({});
  });
});
