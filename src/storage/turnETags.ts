import type { Storage, StoreItems } from 'botbuilder';
import { currentScope, withinScope } from '../util/asyncScope.js';
import { CREATE_ONLY_ETAG } from './createOnly.js';

/** Runs one attempt of a turn with its own record of the eTags it read. */
export function withTurnETags<T>(attempt: () => Promise<T>): Promise<T> {
  return withinScope({ turnETags: new Map() }, attempt);
}

/**
 * Makes botbuilder's state saves conditional. `BotState.saveChanges` always writes with eTag `'*'`
 * (last writer wins), so two instances running turns of one conversation at once would silently
 * overwrite each other. This store remembers, per turn, the eTag each key had when it was read and
 * puts it back on the write: the later of two concurrent turns then fails with an eTag conflict,
 * and the bot runs it again on fresh state. A key the turn found absent is saved create-only
 * ({@link CREATE_ONLY_ETAG}), so two first turns of one new conversation conflict the same way.
 */
export class ETagTrackingStorage implements Storage {
  constructor(readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    const seen = currentScope()?.turnETags;
    if (seen) {
      for (const key of keys) {
        const item = items[key];
        const eTag = item?.eTag;
        if (item === undefined) seen.set(key, CREATE_ONLY_ETAG);
        else if (typeof eTag === 'string' && eTag !== '*') seen.set(key, eTag);
        else seen.delete(key);
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const seen = currentScope()?.turnETags;
    if (!seen) return this.inner.write(changes);
    const conditional: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      const readETag = seen.get(key);
      conditional[key] = item && item.eTag === '*' && readETag ? { ...item, eTag: readETag } : item;
    }
    await this.inner.write(conditional);
    // The store gave these items new eTags; a second save in the same turn writes unconditionally.
    for (const key of Object.keys(changes)) seen.delete(key);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
