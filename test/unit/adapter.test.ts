import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { makeAdapter } from '../../src/channels/adapter';
import { RepliesUndeliveredError } from '../../src/turn/outbox';
import { StorageUnavailableError } from '../../src/storage/guardedStorage';
import { sharedCore, testConfig } from '../helpers';

describe('makeAdapter: the turn-error handler', () => {
  const { i18n } = sharedCore();

  async function failingTurn(text: string, locale: string, error: Error = new Error('boom'), onRethrow?: (error: unknown) => void) {
    const logged: string[] = [];
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const adapter = makeAdapter(testConfig(), { i18n, conversationState, log: (_level, message) => logged.push(message) });
    const counter = conversationState.createProperty<number>('turns');
    const test = new TestAdapter(async (context) => {
      await counter.set(context, 1);
      await conversationState.saveChanges(context);
      try {
        await adapter.onTurnError(context, error);
      } catch (rethrown) {
        if (!onRethrow) throw rethrown;
        onRethrow(rethrown);
      }
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

  it('keeps the saved state when the channel refused the replies, apologises, and fails the request', async () => {
    const refused = new RepliesUndeliveredError(Object.assign(new Error('the channel refuses this reply'), { statusCode: 400 }));
    const { storage, replies, logged, thrown } = await failingTurnCaught('hello', 'en-US', refused);
    expect(thrown).toBe(refused);
    expect(Object.keys(await storage.read(['test/conversations/Convo1/']))).toEqual(['test/conversations/Convo1/']);
    expect(replies.map((r) => r.text)).toEqual(['Sorry, something went wrong on my side. Please try again in a moment.']);
    expect(logged).toEqual([expect.stringMatching(/replies not delivered in conversation .*, its state kept/)]);
  });

  it('does not send an apology to a channel that could not be reached', async () => {
    const unreachable = new RepliesUndeliveredError(new Error('The operation was aborted.'));
    const { storage, replies, thrown } = await failingTurnCaught('hello', 'en-US', unreachable);
    expect(thrown).toBe(unreachable);
    expect(replies).toEqual([]);
    expect(Object.keys(await storage.read(['test/conversations/Convo1/']))).toEqual(['test/conversations/Convo1/']);
  });

  /** {@link failingTurn} for an error the handler passes on: also what it threw. */
  async function failingTurnCaught(text: string, locale: string, error: Error) {
    let thrown: unknown;
    const result = await failingTurn(text, locale, error, (caught) => (thrown = caught));
    return { ...result, thrown };
  }
});
