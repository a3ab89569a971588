import { countingTurn as countingTurnOn } from '../helpers';
import type { Storage } from 'botbuilder';
import { makeAzureBlobStorage } from '../../src/storage/azureBlob';
import { startAzurite, type Azurite } from './azurite';
import { raceFirstSaves } from './firstSaves';

const CONTAINER = 'bot-state-test';

let azurite: Azurite;
let connectionString: string;

function storage(): Storage {
  return makeAzureBlobStorage({ connectionString, container: CONTAINER });
}

describe('makeAzureBlobStorage against Azurite', () => {
  beforeAll(async () => {
    azurite = await startAzurite();
    connectionString = azurite.connectionString;
  }, 20_000);

  afterAll(() => azurite?.stop());

  it('reads back what was written, with an eTag, from a new instance', async () => {
    const key = 'webchat/conversations/round-trip';
    await storage().write({ [key]: { step: 'ask-domain', answers: { hasDomain: true } } });
    expect(await storage().read([key, 'webchat/conversations/never-written'])).toEqual({
      [key]: { step: 'ask-domain', answers: { hasDomain: true }, eTag: expect.any(String) },
    });
  });

  it('stores Chinese text intact', async () => {
    const key = 'webchat/conversations/zh';
    const question = '我的网站需要办理ICP备案吗？';
    await storage().write({ [key]: { question } });
    expect((await storage().read([key]))[key].question).toBe(question);
  });

  it('accepts the stored eTag, rejects a stale one with "eTag conflict" and the key, and keeps the stored item', async () => {
    const key = 'webchat/conversations/etag';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    const stale = (await store.read([key]))[key];
    await store.write({ [key]: { ...stale, v: 2 } });
    const current = await store.read([key]);
    expect(current[key].eTag).not.toBe(stale.eTag);
    await expect(store.write({ [key]: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
    await expect(store.write({ [key]: { ...stale, v: 3 } })).rejects.toThrow(key);
    expect(await store.read([key])).toEqual(current);
  });

  it('lets only one of two instances create a blob that neither found (first turns of a new conversation)', async () => {
    const { saved, conflicted, stored } = await raceFirstSaves([storage(), storage()], 'webchat/conversations/new-conversation');
    expect(saved).toHaveLength(1);
    expect(conflicted).toHaveLength(1);
    expect(stored).toMatchObject({ turn: saved[0] });
  });

  it("overwrites unconditionally with eTag '*'", async () => {
    const key = 'webchat/conversations/star';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    await store.write({ [key]: { v: 2, eTag: '*' } });
    expect((await store.read([key]))[key].v).toBe(2);
  });

  it('deletes items and ignores keys that are not stored', async () => {
    const key = 'webchat/conversations/delete';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    await store.delete([key, 'webchat/conversations/never-written']);
    expect(await store.read([key])).toEqual({});
  });

  it('saves ConversationState at the end of a turn and loads it in the next, on a new instance', async () => {
    const countingTurn = (text: string) => countingTurnOn(storage(), text);
    expect(await countingTurn('hello')).toBe('message 1: hello');
    expect(await countingTurn('again')).toBe('message 2: again');
  });
});

describe('makeAzureBlobStorage: options', () => {
  it.each([
    ['connectionString', { container: CONTAINER }, /^makeAzureBlobStorage\(\): invalid options: connectionString is required$/],
    ['container', { connectionString: 'UseDevelopmentStorage=true;' }, /^makeAzureBlobStorage\(\): invalid options: container is required$/],
    ['a container with capitals', { connectionString: 'UseDevelopmentStorage=true;', container: 'BotState' }, /container must be 3-63 lowercase/],
  ])('rejects missing or bad %s, naming it', (_name, options, message) => {
    expect(() => makeAzureBlobStorage(options as { connectionString: string; container: string })).toThrow(message);
  });

  it('rejects a malformed connection string without echoing it', () => {
    const secret = 'AccountName=x;AccountKey=c2VjcmV0';
    let message = '';
    try {
      makeAzureBlobStorage({ connectionString: secret, container: CONTAINER });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/^Error: makeAzureBlobStorage\(\): invalid connectionString: /);
    expect(message).not.toContain('c2VjcmV0');
  });
});
