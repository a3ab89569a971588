import { MemoryStorage, type StoreItems } from 'botbuilder';
import { buildBotApp } from '../../src/app';
import { STATE_VERSION } from '../../src/turn/state';
import { GuardedStorage, StorageUnavailableError } from '../../src/storage/guardedStorage';
import { TestConversation } from '../conversation';
import { sharedCore, testConfig } from '../helpers';

/** A memory store whose next operations can be made to fail. */
class FlakyStorage extends MemoryStorage {
  failNextWrites: Error[] = [];
  failReads: Error | undefined;
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.failReads) throw this.failReads;
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    const failure = this.failNextWrites.shift();
    if (failure) throw failure;
    return super.write(changes);
  }
}

function conversationOn(storage: FlakyStorage, repairCorruptState?: (error: unknown) => Promise<boolean>) {
  const app = buildBotApp(testConfig(), { storage: new GuardedStorage(storage, (e) => e instanceof CorruptError), log: () => undefined, core: sharedCore(), repairCorruptState });
  return new TestConversation(app.bot, 'en-US');
}

class CorruptError extends Error {}

describe('bot state', () => {
  it('runs a turn again on fresh state after an eTag conflict, and replies once', async () => {
    const storage = new FlakyStorage();
    const talk = conversationOn(storage);
    await talk.say('check my situation');
    storage.failNextWrites.push(new Error('Storage: error writing "x" due to eTag conflict.'));
    const replies = await talk.texts('HK');
    expect(replies).toEqual([expect.stringMatching(/CDN/)]);
    expect((await talk.texts('no')).length).toBe(1);
  });

  it('gives up after repeated conflicts instead of looping', async () => {
    const storage = new FlakyStorage();
    const talk = conversationOn(storage);
    storage.failNextWrites.push(...Array.from({ length: 10 }, () => new Error('eTag conflict')));
    await expect(talk.say('hello')).rejects.toThrow(/eTag conflict/);
  });

  it('sends nothing but fails the turn as "store unavailable" when the store cannot be read', async () => {
    const storage = new FlakyStorage();
    const talk = conversationOn(storage);
    storage.failReads = new Error('connect ECONNREFUSED');
    await expect(talk.say('bbs filing')).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(talk.adapter.activeQueue).toEqual([]);
    storage.failReads = undefined;
    expect((await talk.texts('bbs filing'))[0]).toMatch(/BBS|forum/i);
  });

  it('keeps the conversation where it was when a save fails: the next turn repeats nothing', async () => {
    const storage = new FlakyStorage();
    const talk = conversationOn(storage);
    await talk.say('check my situation');
    storage.failNextWrites.push(new Error('ECONNRESET'));
    await expect(talk.say('HK')).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(talk.adapter.activeQueue).toEqual([]);
    expect((await talk.texts('HK'))[0]).toMatch(/CDN/);
  });

  it('starts over, with a word to the user, when the state was written by another version', async () => {
    const storage = new FlakyStorage();
    const talk = conversationOn(storage);
    await talk.say('check my situation');
    const key = 'test/conversations/Convo1/';
    const stored = await storage.read([key]);
    await storage.write({ [key]: { ...stored[key], stateVersion: STATE_VERSION + 1, eTag: '*' } });
    const replies = await talk.texts('bbs filing');
    expect(replies[0]).toMatch(/start it over/);
    expect(replies[1]).toMatch(/BBS|forum/i);
  });

  it('starts over when the store reports corrupt state and the repair succeeds', async () => {
    const storage = new FlakyStorage();
    let corrupt = true;
    const talk = conversationOn(storage, async (error) => {
      if (!(error instanceof CorruptError)) return false;
      storage.failReads = undefined;
      corrupt = false;
      return true;
    });
    await talk.say('hello');
    storage.failReads = new CorruptError('not JSON');
    const replies = await talk.texts('bbs filing');
    expect(corrupt).toBe(false);
    expect(replies[0]).toMatch(/start it over/);
    expect(replies[1]).toMatch(/BBS|forum/i);
  });
});
