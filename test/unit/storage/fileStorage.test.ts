import { countingTurn as countingTurnOn } from '../../helpers';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreItems } from 'botbuilder';
import { CorruptStateError, FileStorage } from '../../../src/storage/fileStorage';
import { raceFirstSaves } from '../../storage/firstSaves';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'webchat/conversations/abc123';

/** Names of the item files in `dir` (one per stored key). */
function itemFiles(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

/** Writes `content` over the file of the only stored key, as a disk fault or a bad edit would. */
async function corruptOnlyItem(storage: FileStorage, key: string, content: string): Promise<string> {
  await storage.write({ [key]: { step: 1 } });
  const [file] = itemFiles();
  writeFileSync(join(dir, file), content);
  return file;
}

describe('FileStorage: reading and writing', () => {
  it('reads back what was written, with an eTag', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { step: 'ask-domain', answers: { hasDomain: true } } });
    expect(await storage.read([KEY])).toEqual({
      [KEY]: { step: 'ask-domain', answers: { hasDomain: true }, eTag: expect.any(String) },
    });
  });

  it('leaves keys that are not stored out of the result', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ a: { n: 1 } });
    expect(await storage.read(['a', 'missing'])).toEqual({ a: { n: 1, eTag: expect.any(String) } });
    expect(await storage.read([])).toEqual({});
  });

  it('keeps items across a new instance on the same directory', async () => {
    await new FileStorage({ directory: dir }).write({ [KEY]: { step: 2 } });
    expect(await new FileStorage({ directory: dir }).read([KEY])).toEqual({ [KEY]: { step: 2, eTag: expect.any(String) } });
  });

  it('creates a missing directory, nested', async () => {
    const nested = join(dir, 'a', 'b');
    const storage = new FileStorage({ directory: nested });
    await storage.write({ k: { v: 1 } });
    expect(readdirSync(nested).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });

  it('deletes items, ignores keys that are not stored, and the deletion persists', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'never-written']);
    expect(await new FileStorage({ directory: dir }).read(['a', 'b'])).toEqual({ b: { n: 2, eTag: expect.any(String) } });
    expect(itemFiles()).toHaveLength(1);
  });

  it.each([
    ['slashes', 'msteams/users/29:1abc/conversations/a:b?c=d'],
    ['a path escape attempt', '../../../etc/passwd'],
    ['Chinese and emoji', '网页聊天/用户/张三🙂'],
    ['control characters and NUL', 'a\u0000b\nc\td'],
    ['a very long key', 'x/'.repeat(5000)],
    ['an empty key', ''],
  ])('stores a key with %s as its own file inside the directory', async (_name, key) => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [key]: { owner: key }, other: { owner: 'other' } });
    expect(await new FileStorage({ directory: dir }).read([key, 'other'])).toEqual({
      [key]: { owner: key, eTag: expect.any(String) },
      other: { owner: 'other', eTag: expect.any(String) },
    });
    expect(itemFiles()).toHaveLength(2);
  });

  it('returns copies: changing a read item does not change what is stored', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { list: [1] } });
    const first = await storage.read([KEY]);
    first[KEY].list.push(2);
    first[KEY].added = true;
    expect((await storage.read([KEY]))[KEY]).toEqual({ list: [1], eTag: expect.any(String) });
  });

  it('does not keep or change the written object', async () => {
    const storage = new FileStorage({ directory: dir });
    const item = { list: [1], eTag: '*' };
    await storage.write({ [KEY]: item });
    item.list.push(2);
    expect(item.eTag).toBe('*');
    expect((await storage.read([KEY]))[KEY].list).toEqual([1]);
  });

  it('rejects an item that is not JSON, naming the key, and writes nothing of the call', async () => {
    const storage = new FileStorage({ directory: dir });
    await expect(storage.write({ good: { n: 1 }, bad: { n: BigInt(1) } })).rejects.toThrow(/"bad" is not JSON/);
    expect(await storage.read(['good', 'bad'])).toEqual({});
  });
});

describe('FileStorage: eTags (as botbuilder MemoryStorage)', () => {
  async function stored(storage: FileStorage, value: object): Promise<StoreItems> {
    await storage.write({ [KEY]: value });
    return storage.read([KEY]);
  }

  it('accepts a write carrying the stored eTag and gives the item a new eTag', async () => {
    const storage = new FileStorage({ directory: dir });
    const before = (await stored(storage, { v: 1 }))[KEY];
    await storage.write({ [KEY]: { ...before, v: 2 } });
    const after = (await storage.read([KEY]))[KEY];
    expect(after.v).toBe(2);
    expect(after.eTag).not.toBe(before.eTag);
  });

  it('rejects a write carrying a stale eTag, naming the key, and keeps the stored item', async () => {
    const storage = new FileStorage({ directory: dir });
    const stale = (await stored(storage, { v: 1 }))[KEY];
    await storage.write({ [KEY]: { ...stale, v: 2 } });
    const current = await storage.read([KEY]);
    await expect(storage.write({ [KEY]: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict.*webchat\/conversations\/abc123/);
    expect(await storage.read([KEY])).toEqual(current);
  });

  it.each([
    ["'*'", { eTag: '*' }],
    ['no eTag', {}],
  ])('overwrites unconditionally with %s', async (_name, eTag) => {
    const storage = new FileStorage({ directory: dir });
    await stored(storage, { v: 1 });
    await storage.write({ [KEY]: { v: 1.5 } }); // the first read's eTag is stale now
    await storage.write({ [KEY]: { v: 2, ...eTag } });
    expect((await storage.read([KEY]))[KEY].v).toBe(2);
  });

  it('writes a key that is not stored whatever its eTag', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { v: 1, eTag: 'from-elsewhere' } });
    expect((await storage.read([KEY]))[KEY]).toEqual({ v: 1, eTag: expect.not.stringMatching(/^from-elsewhere$/) });
  });

  it('applies nothing of a multi-item write when one item is stale', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    const read = await storage.read(['a', 'b']);
    await storage.write({ b: { ...read.b, v: 2 } });
    const before = await storage.read(['a', 'b']);
    await expect(
      storage.write({ a: { ...read.a, v: 'new' }, b: { ...read.b, v: 'new' }, c: { v: 'new' } }),
    ).rejects.toThrow(/eTag conflict on key "b"/);
    expect(await storage.read(['a', 'b', 'c'])).toEqual(before);
  });

  it('lets exactly one of two concurrent writes with the same eTag win', async () => {
    const storage = new FileStorage({ directory: dir });
    const base = (await stored(storage, { v: 0 }))[KEY];
    const results = await Promise.allSettled([
      storage.write({ [KEY]: { ...base, v: 'first' } }),
      storage.write({ [KEY]: { ...base, v: 'second' } }),
    ]);
    const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.stringMatching(/eTag conflict/)]);
    expect((await storage.read([KEY]))[KEY].v).toBe(won[0] === 0 ? 'first' : 'second');
  });

  it('serialises many concurrent read-modify-writes on one key without losing one', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { n: 0 } });
    const increment = async (): Promise<void> => {
      for (;;) {
        const item = (await storage.read([KEY]))[KEY];
        try {
          await storage.write({ [KEY]: { ...item, n: item.n + 1 } });
          return;
        } catch (error) {
          if (!/eTag conflict/.test(String(error))) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, increment));
    expect((await storage.read([KEY]))[KEY].n).toBe(10);
  });
  it('starts several instances on one directory at once (each removes the others\' leftovers, probes included)', async () => {
    const storages = Array.from({ length: 20 }, () => new FileStorage({ directory: dir }));
    await expect(Promise.all(storages.map((storage) => storage.initialize()))).resolves.toHaveLength(20);
  });

  it('lets only one of two instances on one directory create a key that neither found (first turns of a new conversation)', async () => {
    const { saved, conflicted, stored } = await raceFirstSaves([new FileStorage({ directory: dir }), new FileStorage({ directory: dir })], KEY);
    expect(saved).toHaveLength(1);
    expect(conflicted).toHaveLength(1);
    expect(stored).toMatchObject({ turn: saved[0] });
    expect(readdirSync(dir).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });
});

describe('FileStorage: corrupt files', () => {
  it.each([
    ['not JSON', '{"key": "webchat/conversations/abc123", "item": {'],
    ['an empty file', ''],
    ['JSON of the wrong shape', '[1, 2, 3]'],
    ['an item without an eTag', JSON.stringify({ key: KEY, item: { step: 1 } })],
    ['the item of another key', JSON.stringify({ key: 'someone/else', item: { eTag: '1' } })],
  ])('throws CorruptStateError naming the key for %s', async (_name, content) => {
    const storage = new FileStorage({ directory: dir });
    await corruptOnlyItem(storage, KEY, content);
    const error = await storage.read([KEY, 'other']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptStateError);
    expect((error as CorruptStateError).key).toBe(KEY);
    expect((error as CorruptStateError).message).toContain(KEY);
  });

  it('reads other keys normally while one key is corrupt', async () => {
    const storage = new FileStorage({ directory: dir });
    await corruptOnlyItem(storage, KEY, 'garbage');
    await storage.write({ other: { fine: true } });
    expect(await storage.read(['other'])).toEqual({ other: { fine: true, eTag: expect.any(String) } });
  });

  it('quarantine moves the corrupt file aside, and the key then reads as absent and can be written', async () => {
    const storage = new FileStorage({ directory: dir });
    const file = await corruptOnlyItem(storage, KEY, 'garbage');
    const aside = await storage.quarantine(KEY);
    expect(aside).toMatch(new RegExp(`${file.replace('.', '\\.')}\\.corrupt-[0-9TZ-]+$`));
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/\.corrupt-/)]);
    expect(await storage.read([KEY])).toEqual({});
    await storage.write({ [KEY]: { restarted: true } });
    expect((await storage.read([KEY]))[KEY].restarted).toBe(true);
  });

  it('quarantine leaves a valid or absent key alone', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { v: 1 } });
    expect(await storage.quarantine(KEY)).toBeUndefined();
    expect(await storage.quarantine('absent')).toBeUndefined();
    expect((await storage.read([KEY]))[KEY].v).toBe(1);
  });

  it('refuses a conditional write over a corrupt file but lets an unconditional one replace it', async () => {
    const storage = new FileStorage({ directory: dir });
    await corruptOnlyItem(storage, KEY, 'garbage');
    await expect(storage.write({ [KEY]: { v: 2, eTag: 'some-etag' } })).rejects.toBeInstanceOf(CorruptStateError);
    await storage.write({ [KEY]: { v: 3, eTag: '*' } });
    expect((await storage.read([KEY]))[KEY].v).toBe(3);
  });

  it('ignores temporary files left by a crashed write and removes them on start', async () => {
    const storage = new FileStorage({ directory: dir });
    await storage.write({ [KEY]: { v: 1 } });
    const [file] = itemFiles();
    writeFileSync(join(dir, `${file}.0d4e-crashed.tmp`), '{"key": "webchat/conv');
    writeFileSync(join(dir, 'orphan.tmp'), '');
    expect((await storage.read([KEY]))[KEY].v).toBe(1);
    const restarted = new FileStorage({ directory: dir });
    expect((await restarted.read([KEY]))[KEY].v).toBe(1);
    expect(readdirSync(dir)).toEqual([file]);
  });
});

describe('FileStorage: options and directory errors', () => {
  it.each([
    ['no directory', {}],
    ['an empty directory', { directory: ' ' }],
  ])('rejects %s, naming FileStorage() and the option', (_name, options) => {
    expect(() => new FileStorage(options as { directory: string })).toThrow(/^FileStorage\(\): invalid options: directory is required$/);
  });

  it('fails with the directory named when it cannot be created', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const storage = new FileStorage({ directory: join(dir, 'a-file', 'state') });
    await expect(storage.initialize()).rejects.toThrow(/^FileStorage\(\): cannot use directory ".*a-file\/state": /);
    await expect(storage.read([KEY])).rejects.toThrow(/FileStorage\(\): cannot use directory/);
  });
});

describe('FileStorage under botbuilder ConversationState', () => {
  /** One turn that counts the messages of the conversation, on a fresh FileStorage (as after a restart). */
  const countingTurn = (text: string) => countingTurnOn(new FileStorage({ directory: dir }), text);

  it('saves state at the end of a turn and loads it in the next, across restarts', async () => {
    expect(await countingTurn('hello')).toBe('message 1: hello');
    expect(await countingTurn('again')).toBe('message 2: again');
    // ConversationState's key: channel/conversations/conversation id/namespace (empty).
    const key = 'test/conversations/Convo1/';
    expect((await new FileStorage({ directory: dir }).read([key]))[key]).toMatchObject({ messageCount: 2 });
  });
});
