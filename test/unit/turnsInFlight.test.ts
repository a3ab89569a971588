import { TestAdapter } from 'botbuilder';
import { TurnsInFlight } from '../../src/turn/turnsInFlight';

describe('TurnsInFlight', () => {
  it('is idle at once when no turn runs', async () => {
    const turns = new TurnsInFlight();
    await expect(turns.idle()).resolves.toBeUndefined();
    expect(turns.count).toBe(0);
  });

  it('resolves idle() only after the last running turn has ended, failed turns included', async () => {
    const turns = new TurnsInFlight();
    const release: (() => void)[] = [];
    const adapter = new TestAdapter(async (context) => {
      await new Promise<void>((resolve) => release.push(resolve));
      if (context.activity.text === 'fail') throw new Error('turn failed');
    }).use(turns);
    adapter.onTurnError = async () => undefined;
    const first = adapter.receiveActivity('ok');
    const second = adapter.receiveActivity('fail');
    while (release.length < 2) await new Promise((r) => setImmediate(r));
    expect(turns.count).toBe(2);
    let idle = false;
    const waiting = turns.idle().then(() => (idle = true));
    release[0]();
    await first;
    expect(idle).toBe(false);
    release[1]();
    await second;
    await waiting;
    expect(idle).toBe(true);
    expect(turns.count).toBe(0);
  });
});
