import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileModelStore } from '../../../src/storage/modelFiles';

describe('fileModelStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'models-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back the bytes saved under a key (a digest in base64, made safe for a file name), and nothing for another key', () => {
    const store = fileModelStore(join(dir, 'models'));
    expect(store.load('a+b/c==')).toBeUndefined();
    store.save('a+b/c==', Uint8Array.from([1, 2, 3]));
    expect([...(store.load('a+b/c==') ?? [])]).toEqual([1, 2, 3]);
    expect(store.load('a+b/d==')).toBeUndefined();
    expect(readdirSync(join(dir, 'models'))).toEqual(['a-b_c.model']);
  });

  it('keeps the six most recently written models and removes older ones', () => {
    const store = fileModelStore(dir);
    for (let i = 0; i < 6; i += 1) {
      store.save(`key${i}`, Uint8Array.from([i]));
      // Written in order, a second apart.
      utimesSync(join(dir, `key${i}.model`), 1_000 + i, 1_000 + i);
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a model');
    store.save('key6', Uint8Array.from([6]));
    expect(readdirSync(dir).sort()).toEqual(['key1.model', 'key2.model', 'key3.model', 'key4.model', 'key5.model', 'key6.model', 'notes.txt']);
    expect(store.load('key0')).toBeUndefined();
  });

  it('does not throw when the folder cannot be made: the model is only not kept', () => {
    // A file stands where the folder would be (unlike permissions, this stops root too).
    writeFileSync(join(dir, 'taken'), '');
    const store = fileModelStore(join(dir, 'taken', 'models'));
    expect(() => store.save('key', Uint8Array.from([1]))).not.toThrow();
    expect(store.load('key')).toBeUndefined();
  });
});
