import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type StatePropertyAccessor } from 'botbuilder';
import { TurnProperty } from '../../../src/turn/state';

/** One turn against a store; returns what the turn saved for its conversation. */
async function savedAfter(storage: MemoryStorage, use: (state: ConversationState, context: TurnContext) => Promise<void>): Promise<unknown> {
  const adapter = new TestAdapter(async () => undefined);
  const context = new TurnContext(adapter, { type: 'message', text: 'hello', channelId: 'test', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as never);
  const state = new ConversationState(storage);
  await use(state, context);
  await state.saveChanges(context);
  const key = 'test/conversations/c1/';
  const { eTag: _eTag, ...stored } = (await storage.read([key]))[key] ?? {};
  return stored;
}

type Make = (state: ConversationState, name: string) => StatePropertyAccessor<unknown>;
const botbuilder: Make = (state, name) => state.createProperty(name);
const ours: Make = (state, name) => new TurnProperty(state, name);

/** Steps on a property, run with botbuilder's accessor and with ours; the values read and the state saved must agree. */
const scripts: [string, (p: StatePropertyAccessor<unknown>, context: TurnContext) => Promise<unknown[]>][] = [
  ['a default is stored as a copy', async (p, c) => {
    const fallback = { list: [1] };
    const read = (await p.get(c, fallback)) as { list: number[] };
    read.list.push(2);
    return [fallback.list.length, read];
  }],
  ['no default reads undefined and stores nothing', async (p, c) => [await p.get(c)]],
  ['a falsy default is stored', async (p, c) => [await p.get(c, 0), await p.get(c, 5)]],
  ['set, then get', async (p, c) => {
    await p.set(c, 'x');
    return [await p.get(c, 'y')];
  }],
  ['delete removes what was set', async (p, c) => {
    await p.set(c, 3);
    await p.delete(c);
    return [await p.get(c)];
  }],
  ['get before the state is loaded loads it', async (p, c) => [await p.get(c, [])]],
];

describe('TurnProperty', () => {
  it.each(scripts)('behaves as botbuilder\'s accessor: %s', async (_name, script) => {
    const results: unknown[] = [];
    for (const make of [botbuilder, ours]) {
      const storage = new MemoryStorage();
      let read: unknown[] = [];
      const saved = await savedAfter(storage, async (state, context) => {
        read = await script(make(state, 'piece'), context);
      });
      results.push({ read, saved });
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('reads what an earlier turn saved', async () => {
    const storage = new MemoryStorage();
    await savedAfter(storage, async (state, context) => new TurnProperty(state, 'piece').set(context, { kept: true }));
    let read: unknown;
    await savedAfter(storage, async (state, context) => {
      read = await new TurnProperty(state, 'piece').get(context);
    });
    expect(read).toEqual({ kept: true });
  });
});
