import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import type { Server } from 'restify';
import { buildBotApp, buildServer } from '../../src/app';
import { sharedCore, testConfig } from '../helpers';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://webchat.botframework.com/';

/**
 * Stands in for login.botframework.com (which this machine cannot reach): serves the OpenID
 * metadata and the signing key that channel tokens are checked against.
 */
function keyServer(publicKey: KeyObject): HttpServer {
  return createServer((req, res) => {
    const base = `http://127.0.0.1:${(keyServerInstance.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else {
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'trusted', use: 'sig', alg: 'RS256', endorsements: ['webchat'] }] }));
    }
  });
}

function jwt(privateKey: KeyObject, claims: Record<string, unknown>, kid = 'trusted'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyServerInstance = keyServer(trusted.publicKey);
let server: Server;
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => keyServerInstance.listen(0, '127.0.0.1', resolve));
  const metadata = `http://127.0.0.1:${(keyServerInstance.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  const config = testConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: metadata });
  const log = () => undefined;
  server = buildServer(config, buildBotApp(config, { storage: new MemoryStorage(), log, core: sharedCore() }), log);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => keyServerInstance.close(() => resolve()));
});

const now = Math.floor(Date.now() / 1000);
const validClaims = { iss: ISSUER, aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: SERVICE_URL };
const body = JSON.stringify({
  type: 'message',
  text: 'bbs filing',
  channelId: 'webchat',
  serviceUrl: SERVICE_URL,
  deliveryMode: 'expectReplies',
  conversation: { id: 'c' },
  from: { id: 'u' },
  recipient: { id: 'bot' },
});

function post(authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  return fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
}

describe('/api/messages with MicrosoftAppId configured', () => {
  it('accepts a channel token signed by a trusted key and answers', async () => {
    const res = await post(`Bearer ${jwt(trusted.privateKey, validClaims)}`);
    expect(res.status).toBe(200);
    const replies = (await res.json()) as { activities: { text: string }[] };
    expect(replies.activities[0].text).toMatch(/BBS|forum/i);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['a token that is not a JWT', () => 'Bearer not-a-token'],
    ['a Basic credential', () => 'Basic dXNlcjpwYXNz'],
    ['a token signed by an untrusted key', () => `Bearer ${jwt(stranger.privateKey, validClaims)}`],
    ['a token for another bot', () => `Bearer ${jwt(trusted.privateKey, { ...validClaims, aud: '99999999-2222-3333-4444-555555555555' })}`],
    ['an expired token', () => `Bearer ${jwt(trusted.privateKey, { ...validClaims, nbf: now - 7200, exp: now - 3600 })}`],
    ['a token from another issuer', () => `Bearer ${jwt(trusted.privateKey, { ...validClaims, iss: 'https://evil.example.com' })}`],
    ['a token that never expires (no exp)', () => `Bearer ${jwt(trusted.privateKey, { iss: ISSUER, aud: APP_ID, nbf: now - 60, serviceurl: SERVICE_URL })}`],
  ])('rejects a request with %s with 401', async (_name, authorization) => {
    expect((await post(authorization())).status).toBe(401);
  });
});

describe('the per-address limit with MicrosoftAppId configured', () => {
  let limited: Server;
  let limitedUrl: string;
  beforeAll(async () => {
    const metadata = `http://127.0.0.1:${(keyServerInstance.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    const config = testConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: metadata, RATE_LIMIT_REQUESTS_PER_MINUTE: '2' });
    const log = () => undefined;
    limited = buildServer(config, buildBotApp(config, { storage: new MemoryStorage(), log, core: sharedCore() }), log);
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    limitedUrl = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(() => new Promise<void>((resolve) => limited.close(() => resolve())));

  const postTo = (conversation: string, authorization?: string) =>
    fetch(limitedUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: body.replace('"id":"c"', `"id":"${conversation}"`),
      signal: AbortSignal.timeout(15_000),
    });

  it('does not count a channel\'s authenticated activities (every user of a channel comes from its few addresses), but counts forged ones', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postTo(`channel-${i}`, `Bearer ${jwt(trusted.privateKey, validClaims)}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const forged = [];
    for (let i = 0; i < 3; i++) forged.push((await postTo(`forged-${i}`, `Bearer ${jwt(stranger.privateKey, validClaims)}`)).status);
    expect(forged).toEqual([401, 401, 429]);
  });
});
