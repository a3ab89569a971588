import { currentScope, withinScope } from '../../../src/util/asyncScope';

describe('withinScope', () => {
  it('is seen by the promises the work starts, and not after it', async () => {
    const seen = await withinScope({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      return currentScope()?.requestId;
    });
    expect(seen).toBe('req-1');
    expect(currentScope()).toBeUndefined();
  });

  it('keeps what the inner scope does not name: a turn sees the id of its request', async () => {
    const eTags = new Map([['k', '1']]);
    const inner = await withinScope({ requestId: 'req-2' }, () => withinScope({ turnETags: eTags }, async () => currentScope()));
    expect(inner).toEqual({ requestId: 'req-2', turnETags: eTags });
  });

  it('gives each inner scope its own value and leaves the outer one as it was', async () => {
    const outer = await withinScope({ requestId: 'req-3', turnETags: new Map() }, async () => {
      await withinScope({ turnETags: new Map([['k', '2']]) }, async () => undefined);
      return currentScope();
    });
    expect(outer?.turnETags?.size).toBe(0);
    expect(outer?.requestId).toBe('req-3');
  });
});
