import type { IncomingMessage } from 'node:http';
import { judgeOrigin, parseAllowedOrigins } from '../../../src/http/cors';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('parseAllowedOrigins', () => {
  it.each([
    ['', { kind: 'none' }],
    ['  ', { kind: 'none' }],
    ['*', { kind: 'any' }],
    ['https://www.example.com, http://localhost:8080', { kind: 'list', origins: new Set(['https://www.example.com', 'http://localhost:8080']) }],
  ])('reads %p', (spec, expected) => {
    expect(parseAllowedOrigins(spec)).toEqual(expected);
  });

  it.each([
    ['https://example.com/path', /"https:\/\/example.com\/path" is not an origin/],
    ['example.com', /"example.com" is not an origin/],
    ['*,https://example.com', /"\*" cannot be combined/],
  ])('refuses %p', (spec, message) => {
    expect(() => parseAllowedOrigins(spec)).toThrow(message);
  });
});

describe('judgeOrigin', () => {
  const list = parseAllowedOrigins('https://shop.example.com');
  it.each([
    ['no Origin', {}, list, false, 'absent'],
    ['the page of this host', { origin: 'https://bot.example.com', host: 'bot.example.com' }, list, false, 'same'],
    ['this host on another scheme (TLS proxy)', { origin: 'https://bot.example.com', host: 'BOT.example.com' }, parseAllowedOrigins(''), false, 'same'],
    ['a listed origin', { origin: 'https://shop.example.com', host: 'bot.example.com' }, list, false, 'allowed'],
    ['an unlisted origin', { origin: 'https://evil.example', host: 'bot.example.com' }, list, false, 'refused'],
    ['any origin when * is configured', { origin: 'https://evil.example', host: 'bot.example.com' }, parseAllowedOrigins('*'), false, 'allowed'],
    ['the string "null"', { origin: 'null', host: 'bot.example.com' }, list, false, 'refused'],
    ['X-Forwarded-Host only behind a trusted proxy', { origin: 'https://bot.example.com', host: '10.0.0.5:3978', 'x-forwarded-host': 'bot.example.com' }, list, false, 'refused'],
    ['X-Forwarded-Host behind a trusted proxy', { origin: 'https://bot.example.com', host: '10.0.0.5:3978', 'x-forwarded-host': 'bot.example.com' }, list, true, 'same'],
  ])('judges %s', (_name, headers, allowed, trustProxy, verdict) => {
    expect(judgeOrigin(request(headers as Record<string, string>), allowed as ReturnType<typeof parseAllowedOrigins>, trustProxy)).toBe(verdict);
  });
});
