import { AGENT_COOKIE, AgentAuth, parseAgentAccounts, readCookie } from '../../../src/handoff/agentAuth';

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
    const auth = new AgentAuth('carol:has:colons:inside', 3600);
    expect(auth.verify('carol', 'has:colons:inside')).toBe('carol');
  });
});

describe('AgentAuth', () => {
  let now = 1_000_000;
  const auth = new AgentAuth(ACCOUNTS, 3600, () => now);

  it('verifies names and secrets', () => {
    expect(auth.verify('alice', 'alice-secret-123')).toBe('alice');
    expect(auth.verify('alice', 'bob-secret-4567')).toBeUndefined();
    expect(auth.verify('mallory', 'alice-secret-123')).toBeUndefined();
  });

  it('accepts Basic credentials and refuses wrong ones', () => {
    expect(auth.identify({ authorization: basic('bob', 'bob-secret-4567') })).toBe('bob');
    expect(auth.identify({ authorization: basic('bob', 'wrong-secret-000') })).toBeUndefined();
    expect(auth.identify({ authorization: 'Basic !!!not-base64' })).toBeUndefined();
    expect(auth.identify({})).toBeUndefined();
  });

  it('accepts its own session cookie until it expires', () => {
    const cookie = auth.sessionCookie('alice', false);
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=3600$/);
    const value = readCookie(cookie.split(';')[0], AGENT_COOKIE) as string;
    expect(auth.identify({ cookie: `other=1; ${AGENT_COOKIE}=${value}` })).toBe('alice');
    now += 3601 * 1000;
    expect(auth.identify({ cookie: `${AGENT_COOKIE}=${value}` })).toBeUndefined();
  });

  it('refuses a tampered or foreign session', () => {
    const value = auth.issueSession('alice');
    const forged = value.replace(/^alice/, 'bob');
    expect(auth.checkSession(forged)).toBeUndefined();
    expect(auth.checkSession('alice.99999999999999.bad')).toBeUndefined();
    // Another account list signs with another key.
    expect(new AgentAuth('alice:another-secret-99', 3600, () => now).checkSession(value)).toBeUndefined();
  });

  it('marks the cookie Secure over https', () => {
    expect(auth.sessionCookie('bob', true)).toMatch(/; Secure$/);
  });
});
