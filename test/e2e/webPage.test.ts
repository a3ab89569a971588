import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

let server: Server;
let base: string;
beforeAll(async () => {
  server = buildServer(testConfig(), testBotApp(), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the chat page and its files', () => {
  it.each([
    ['/', 'text/html', /<div id="webchat"/],
    ['/webchat/page.js', 'text/javascript', /api\/directline\/token/],
    ['/webchat/page.css', 'text/css', /--accent/],
    ['/webchat/webchat.js', 'text/javascript', /renderWebChat/],
    ['/favicon.ico', 'image/x-icon', /PNG/],
  ])('serves %s', async (path, type, content) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toMatch(content);
  });

  it('serves the page\'s own words from locales/', async () => {
    const res = await fetch(`${base}/webchat/strings.json`);
    expect(await res.json()).toEqual({
      en: { title: 'ICP Filing Assistant', connectFailed: expect.stringMatching(/Could not connect/), switchMessage: 'English' },
      'zh-CN': { title: 'ICP 备案助手', connectFailed: expect.stringMatching(/无法连接/), switchMessage: '中文' },
    });
  });

  it('loads Web Chat from this server, not a CDN', async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect([...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      expect.stringMatching(/^\/webchat\/[0-9a-f]{20}\/webchat\.js$/),
      expect.stringMatching(/^\/webchat\/[0-9a-f]{20}\/page\.js$/),
    ]);
  });

  // Other origins need CORS_ORIGINS (test/e2e/hardening.test.ts).
  it('gives each visitor a Direct Line token for a conversation of their own', async () => {
    const first = await fetch(`${base}/api/directline/token`, { method: 'POST', headers: { origin: base } });
    const second = await fetch(`${base}/api/directline/token`, { method: 'POST' });
    expect(first.status).toBe(200);
    const a = (await first.json()) as { token: string; conversationId: string; domain: string };
    const b = (await second.json()) as { conversationId: string };
    expect(a.token.split('.')).toHaveLength(3);
    // Web Chat takes the user from the token's `user` claim; a `dl_` id anywhere else it refuses as forgeable.
    expect(JSON.parse(Buffer.from(a.token.split('.')[1], 'base64url').toString('utf8'))).toMatchObject({ conv: a.conversationId, user: expect.stringMatching(/^dl_/) });
    expect(a).not.toHaveProperty('userId');
    expect(a.domain).toBe(`${base}/v3/directline`);
    expect(a.conversationId).not.toBe(b.conversationId);
  });
});
