import { PasswordGuard } from '../../../src/handoff/passwordGuard';

/** A guard on a clock the test moves by hand. */
function guard(limits = { perAddressAndAccount: 2, perAddress: 3, perAccount: 4 }) {
  let now = 1_000_000;
  return { guard: new PasswordGuard(limits, 3_600_000, () => now), advance: (ms: number) => (now += ms) };
}

async function guess(g: PasswordGuard, address: string, account: string): Promise<boolean> {
  const decision = await g.admit(address, account);
  if (decision.allowed) await g.failed(address, account);
  return decision.allowed;
}

describe('PasswordGuard', () => {
  it('refuses an address that guessed wrong too often for one account, for seconds, not for long', async () => {
    const { guard: g, advance } = guard();
    expect([await guess(g, 'a', 'alice'), await guess(g, 'a', 'alice'), await guess(g, 'a', 'alice')]).toEqual([true, true, false]);
    expect(await g.admit('a', 'alice')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    advance(30_000);
    expect((await g.admit('a', 'alice')).allowed).toBe(true);
  });

  it('refuses an address over its limit for every account', async () => {
    const { guard: g } = guard();
    for (const account of ['alice', 'bob', 'carol']) await guess(g, 'a', account);
    expect((await g.admit('a', 'dave')).allowed).toBe(false);
    expect((await g.admit('b', 'dave')).allowed).toBe(true);
  });

  it('over an account\'s limit refuses the addresses that guessed wrong for it, and hears fresh ones', async () => {
    const { guard: g } = guard();
    for (const address of ['a', 'b', 'c', 'd']) await guess(g, address, 'alice');
    expect((await g.admit('a', 'alice')).allowed).toBe(false);
    expect((await g.admit('fresh', 'alice')).allowed).toBe(true);
  });

  it('does not hold an agent back for other people\'s guesses from the address they signed in from', async () => {
    const { guard: g } = guard();
    g.succeeded('office', 'bob');
    for (const account of ['alice', 'carol', 'dave']) await guess(g, 'office', account);
    expect((await g.admit('office', 'erin')).allowed).toBe(false);
    expect((await g.admit('office', 'bob')).allowed).toBe(true);
  });
});
