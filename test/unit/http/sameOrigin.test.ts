import type { IncomingMessage } from 'node:http';
import { isCrossSite, isHttps } from '../../../src/http/sameOrigin';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers: { host: 'bot.example:3978', ...headers }, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('isCrossSite', () => {
  it.each([
    ['no Origin and no Referer (a script)', {}, false, false],
    ['its own origin', { origin: 'http://bot.example:3978' }, false, false],
    ['its own page as Referer', { referer: 'http://bot.example:3978/agent' }, false, false],
    ['another site', { origin: 'https://evil.example' }, false, true],
    ['another site as Referer', { referer: 'https://evil.example/x' }, false, true],
    ['an opaque origin', { origin: 'null' }, false, true],
    ['another port', { origin: 'http://bot.example:8080' }, false, true],
    ['a Referer that is not a URL', { referer: 'nonsense' }, false, true],
    ['the proxy\'s public origin, trusted', { origin: 'https://desk.example', 'x-forwarded-host': 'desk.example', 'x-forwarded-proto': 'https' }, true, false],
    ['the proxy\'s public origin, not trusted', { origin: 'https://desk.example', 'x-forwarded-host': 'desk.example' }, false, true],
    ['http on an https site', { origin: 'http://desk.example', 'x-forwarded-host': 'desk.example', 'x-forwarded-proto': 'https' }, true, true],
  ])('%s', (_name, headers, trustProxy, crossSite) => {
    expect(isCrossSite(request(headers as Record<string, string>), trustProxy as boolean)).toBe(crossSite);
  });
});

describe('isHttps', () => {
  it('reads a TLS socket, or a trusted proxy\'s X-Forwarded-Proto', () => {
    expect(isHttps(request({}, true), false)).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }), false)).toBe(false);
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }), true)).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'http' }, true), true)).toBe(false);
  });
});
