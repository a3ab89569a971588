import { MemoryStorage } from 'botbuilder';
import { ETagTrackingStorage, withTurnETags } from '../../../src/storage/turnETags';

describe('ETagTrackingStorage', () => {
  it('turns a "*" save into a conditional one with the eTag the turn read', async () => {
    const inner = new MemoryStorage();
    await inner.write({ k: { n: 1 } });
    const tracked = new ETagTrackingStorage(inner);
    await expect(
      withTurnETags(async () => {
        await tracked.read(['k']);
        await inner.write({ k: { n: 2, eTag: '*' } }); // another instance saves meanwhile
        await tracked.write({ k: { n: 3, eTag: '*' } });
      }),
    ).rejects.toThrow(/eTag conflict/);
    expect((await inner.read(['k'])).k.n).toBe(2);
  });

  it('saves when nobody else changed the item, and a second save in the turn too', async () => {
    const inner = new MemoryStorage();
    await inner.write({ k: { n: 1 } });
    const tracked = new ETagTrackingStorage(inner);
    await withTurnETags(async () => {
      await tracked.read(['k']);
      await tracked.write({ k: { n: 2, eTag: '*' } });
      await tracked.write({ k: { n: 3, eTag: '*' } });
    });
    expect((await inner.read(['k'])).k.n).toBe(3);
  });

  it('saves a key the turn found absent only if nobody created it meanwhile', async () => {
    const inner = new MemoryStorage();
    const tracked = new ETagTrackingStorage(inner);
    await expect(
      withTurnETags(async () => {
        await tracked.read(['k']);
        await inner.write({ k: { n: 1 } }); // another instance runs the conversation's first turn meanwhile
        await tracked.write({ k: { n: 2, eTag: '*' } });
      }),
    ).rejects.toThrow(/eTag conflict/);
    expect((await inner.read(['k'])).k.n).toBe(1);
  });

  it('writes unconditionally outside a turn', async () => {
    const inner = new MemoryStorage();
    const tracked = new ETagTrackingStorage(inner);
    await tracked.read(['k']);
    await inner.write({ k: { n: 2 } });
    await tracked.write({ k: { n: 3, eTag: '*' } });
    expect((await inner.read(['k'])).k.n).toBe(3);
  });
});
