import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type Browser } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { makeServer } from '../../src/server';
import { acceptedCodings } from '../../src/http/staticFiles';
import { testBotApp, testConfig } from '../helpers';

/*
 * The page's static files compressed: Chromium gets Web Chat's bundle as brotli from the files
 * `npm run build` precompressed (jest's global setup runs that step), under a versioned path it
 * keeps; plain HTTP shows the negotiation, the ETags, and a server without the build's files.
 */

const WEBCHAT = readFileSync(join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js'));

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('the chat page’s files in Chromium', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const hits: string[] = [];

  beforeAll(async () => {
    server = buildServer(testConfig(), testBotApp(), () => undefined);
    server.server.on('request', (req: { url?: string }) => hits.push(req.url ?? ''));
    base = await listen(server);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await close(server);
  });

  it('receives Web Chat’s bundle as brotli under a versioned path kept for a year, and keeps it for the next visit', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const bundle = page.waitForResponse((res) => /\/webchat\/[0-9a-f]{20}\/webchat\.js$/.test(res.url()));
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    const response = await bundle;
    const headers = await response.allHeaders();
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers.vary).toBe('Accept-Encoding');
    // What crossed the wire is the brotli form; what Chromium ran is the bundle itself.
    const sizes = await response.request().sizes();
    expect(sizes.responseBodySize).toBeLessThan(WEBCHAT.length / 4);
    expect((await response.body()).equals(WEBCHAT)).toBe(true);
    await page.locator('.webchat__basic-transcript').getByText('I answer questions about ICP filing', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.ico');

    // The next visit takes the bundle from the browser's cache without asking the server.
    const versioned = new URL(response.url()).pathname;
    const before = hits.filter((url) => url === versioned).length;
    await page.goto(`${base}/?again`, { waitUntil: 'load' });
    await page.locator('.webchat__basic-transcript').getByText('I answer questions about ICP filing', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(hits.filter((url) => url === versioned).length).toBe(before);
    await context.close();
  });

  it('sends the page’s own files and icon compressed too, or as they are when small', async () => {
    const page = await get(`${base}/`, { 'accept-encoding': 'gzip, br' });
    expect(page.headers['content-encoding']).toBeUndefined(); // under a kilobyte: not worth a coding
    expect(page.body.toString('utf8')).toMatch(/<div id="webchat"/);
    const script = (page.body.toString('utf8').match(/src="(\/webchat\/[0-9a-f]{20}\/page\.js)"/) ?? [])[1];
    expect(script).toBeDefined();
    const res = await get(`${base}${script}`, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString('utf8')).toMatch(/createDirectLine/);
    expect((await get(`${base}/favicon.ico`)).headers['content-type']).toBe('image/x-icon');
  });
});

describe('content negotiation and caching over HTTP', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = buildServer(testConfig(), testBotApp(), () => undefined);
    base = await listen(server);
  });
  afterAll(() => close(server));

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s', async (accept, coding) => {
    const res = await get(`${base}/webchat/webchat.js`, accept ? { 'accept-encoding': accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(coding);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const body = coding === 'br' ? brotliDecompressSync(res.body) : coding === 'gzip' ? gunzipSync(res.body) : res.body;
    expect(body.equals(WEBCHAT)).toBe(true);
  });

  it('revalidates the unversioned path by ETag: 304 for the coding the client has', async () => {
    const first = await get(`${base}/webchat/webchat.js`, { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{20}-br"$/);
    const again = await get(`${base}/webchat/webchat.js`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The same ETag asked for with another coding is another representation: the whole body.
    expect((await get(`${base}/webchat/webchat.js`, { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await new Promise<Got>((resolve, reject) => {
      request(`${base}/webchat/webchat.js`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } }, (r) => {
        r.resume();
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.alloc(0) }));
      })
        .on('error', reject)
        .end();
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
  });
});

describe('a server without the build’s precompressed files', () => {
  let server: Server;
  let base: string;
  let empty: string;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'no-precompressed-'));
    const app = testBotApp();
    server = makeServer({
      adapter: app.adapter,
      bot: app.bot,
      maxBodyBytes: 1 << 20,
      health: () => ({}),
      log: () => undefined,
      security: { trustProxy: false, corsOrigins: '', frameAncestors: 'self', activitiesPerMinute: 30, conversationsPerMinute: 20, requestsPerMinute: 600 },
      pageStrings: { en: {}, 'zh-CN': {} },
      directLine: { secret: '', tokenTtlSeconds: 1800, conversationIdleMinutes: 60, maxConversations: 10, maxActivityBytes: 32768, botAppId: '', trustProxy: false },
      precompressedDir: empty,
    }).server;
    base = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers the first request as the file is, compresses it meanwhile, and sends brotli from then on', async () => {
    const first = await get(`${base}/webchat/webchat.js`, { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.body.equals(WEBCHAT)).toBe(true);
    let later: Got = first;
    for (let attempt = 0; attempt < 50 && later.headers['content-encoding'] === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await get(`${base}/webchat/webchat.js`, { 'accept-encoding': 'br' });
    }
    expect(later.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(later.body).equals(WEBCHAT)).toBe(true);
  });
});

describe('acceptedCodings', () => {
  it.each([
    [undefined, []],
    ['gzip, deflate, br', ['br', 'gzip']],
    ['x-gzip', ['gzip']],
    ['BR;Q=0.1', ['br']],
    ['*;q=0, gzip', ['gzip']],
    ['br;q=0', []],
    ['gzip;q=bad', []],
  ])('%s -> %j', (header, expected) => {
    expect(acceptedCodings(header)).toEqual(expected);
  });
});
