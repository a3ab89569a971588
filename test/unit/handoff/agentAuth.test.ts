import type { IncomingMessage } from 'node:http';
import { MemoryStorage } from 'botbuilder';
import { AGENT_COOKIE, AgentAuth, parseAgentAccounts, readCookie } from '../../../src/handoff/agentAuth';
import { PasswordGuard } from '../../../src/handoff/passwordGuard';

const ACCOUNTS = 'alice:alice-secret-123,bob:bob-secret-4567';

function basic(name: string, secret: string): string {
  return `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
}

describe('parseAgentAccounts', () => {
  it('reads name:secret pairs', () => {
    expect(parseAgentAccounts(ACCOUNTS).map((a) => a.name)).toEqual(['alice', 'bob']);
    expect(parseAgentAccounts('')).toEqual([]);
  });

  it.each([
    ['alice:short', /at least 12/],
    ['alice', /at least 12/],
    ['al ice:long-enough-secret', /account name/],
    ['alice:long-enough-secret,alice:other-long-secret', /listed twice/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseAgentAccounts(spec)).toThrow(message);
  });

  it('keeps colons inside a secret', () => {
    const auth = new AgentAuth('carol:has:colons:inside', 3600, options(() => 0));
    expect(auth.verify('carol', 'has:colons:inside')).toBe('carol');
  });
});

/** What AgentAuth needs besides the accounts, on a clock the test moves, with generous guessing limits. */
function options(now: () => number, storage = new MemoryStorage()) {
  return { guard: new PasswordGuard({ perAddressAndAccount: 100, perAddress: 100, perAccount: 100 }, 3_600_000, now), storage, now };
}

/** A request from 127.0.0.1 with `headers`. */
function request(headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
}

describe('AgentAuth', () => {
  let now = 1_000_000;
  const storage = new MemoryStorage();
  const auth = new AgentAuth(ACCOUNTS, 3600, options(() => now, storage));

  it('verifies names and secrets', () => {
    expect(auth.verify('alice', 'alice-secret-123')).toBe('alice');
    expect(auth.verify('alice', 'bob-secret-4567')).toBeUndefined();
    expect(auth.verify('mallory', 'alice-secret-123')).toBeUndefined();
  });

  it('accepts Basic credentials and refuses wrong ones', async () => {
    expect(await auth.identify(request({ authorization: basic('bob', 'bob-secret-4567') }))).toEqual({ kind: 'agent', name: 'bob' });
    expect(await auth.identify(request({ authorization: basic('bob', 'wrong-secret-000') }))).toEqual({ kind: 'none' });
    expect(await auth.identify(request({ authorization: 'Basic !!!not-base64' }))).toEqual({ kind: 'none' });
    expect(await auth.identify(request())).toEqual({ kind: 'none' });
  });

  it('accepts its own session cookie until it expires', async () => {
    const cookie = await auth.sessionCookie('alice', false);
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=3600$/);
    const value = readCookie(cookie.split(';')[0], AGENT_COOKIE) as string;
    expect(await auth.identify(request({ cookie: `other=1; ${AGENT_COOKIE}=${value}` }))).toEqual({ kind: 'agent', name: 'alice' });
    now += 3601 * 1000;
    expect(await auth.identify(request({ cookie: `${AGENT_COOKIE}=${value}` }))).toEqual({ kind: 'none' });
  });

  it('ends one session on sign-out, and leaves the agent\'s others', async () => {
    const first = await auth.issueSession('bob');
    const second = await auth.issueSession('bob');
    await auth.signOut(request({ cookie: `${AGENT_COOKIE}=${first}` }));
    expect(await auth.checkSession(first)).toBeUndefined();
    expect(await auth.checkSession(second)).toBe('bob');
  });

  it('refuses a session missing from the store (another store, or its list expired)', async () => {
    const value = await auth.issueSession('alice');
    expect(await new AgentAuth(ACCOUNTS, 3600, options(() => now)).checkSession(value)).toBeUndefined();
  });

  it('refuses a tampered or foreign session', async () => {
    const value = await auth.issueSession('alice');
    const forged = value.replace(/^alice/, 'bob');
    expect(await auth.checkSession(forged)).toBeUndefined();
    expect(await auth.checkSession('alice.x.99999999999999.bad')).toBeUndefined();
    // Another account list signs with another key.
    expect(await new AgentAuth('alice:another-secret-99', 3600, options(() => now, storage)).checkSession(value)).toBeUndefined();
  });

  it('marks the cookie Secure over https', async () => {
    expect(await auth.sessionCookie('bob', true)).toMatch(/; Secure$/);
  });
});
