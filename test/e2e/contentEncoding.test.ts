import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

const MAX_BODY_BYTES = 64 * 1024;
const ENV = { MAX_BODY_BYTES: String(MAX_BODY_BYTES) };
const PROFILE = JSON.stringify({ entityType: 'individual', hosting: 'mainland' });

let server: Server;
let base: string;
beforeAll(async () => {
  server = buildServer(testConfig(ENV), testBotApp(ENV), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const assess = (body: Buffer | string, encoding: string) =>
  fetch(`${base}/api/assess`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });

describe('compressed request bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
    ['GZIP', gzipSync],
  ])('reads a %s body as the JSON it carries', async (encoding, compress) => {
    const res = await assess(compress(Buffer.from(PROFILE)), encoding);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { filingRequired: { answer: string } }).filingRequired.answer).toBe('yes');
  });

  it('reads an identity body as it is', async () => {
    expect((await assess(PROFILE, 'identity')).status).toBe(200);
  });

  it.each(['gzip', 'deflate', 'br'])('answers a body that is not %s with 400', async (encoding) => {
    const res = await assess('hello, not compressed at all', encoding);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid body', reason: `the body is not valid ${encoding}` });
  });

  it('answers a gzip body cut short with 400', async () => {
    const whole = gzipSync(Buffer.from(PROFILE));
    expect((await assess(whole.subarray(0, whole.length - 6), 'gzip')).status).toBe(400);
  });

  it.each(['gzip', 'br'])('answers a small %s body that unpacks past MAX_BODY_BYTES with 413', async (encoding) => {
    const huge = Buffer.from(JSON.stringify({ hostingProvider: 'x'.repeat(20 * 1024 * 1024) }));
    const packed = encoding === 'gzip' ? gzipSync(huge) : brotliCompressSync(huge, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(packed.length).toBeLessThan(MAX_BODY_BYTES);
    const res = await assess(packed, encoding);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large', reason: expect.stringContaining(String(MAX_BODY_BYTES)) });
  });

  it.each(['compress', 'zstd', 'garbage', 'gzip, br', 'gzip, gzip'])('refuses the coding "%s" with 415 and says which it accepts', async (encoding) => {
    const res = await assess(gzipSync(Buffer.from(PROFILE)), encoding);
    expect(res.status).toBe(415);
    expect(res.headers.get('accept-encoding')).toBe('gzip, deflate, br');
  });

  it('lets a request without a body through whatever its coding says', async () => {
    const res = await fetch(`${base}/api/assess`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'garbage' } });
    expect(res.status).toBe(200);
  });

  it('keeps the connection usable after refusing a body', async () => {
    for (let i = 0; i < 3; i++) expect((await assess('not gzip', 'gzip')).status).toBe(400);
    expect((await assess(gzipSync(Buffer.from(PROFILE)), 'gzip')).status).toBe(200);
  });
});
