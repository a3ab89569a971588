import { hostIsUsable, requestUrl } from '../../../src/http/requestUrl';

describe('requestUrl', () => {
  it.each([
    ['/v3/directline/conversations?watermark=3', '/v3/directline/conversations', '?watermark=3'],
    ['//', '//', ''],
    ['///', '///', ''],
    ['//evil.example/x', '//evil.example/x', ''],
    ['//a:99999/x', '//a:99999/x', ''],
    ['//[', '//[', ''],
    ['*', '/*', ''],
    ['http://other.example/path?q=1', '/path', '?q=1'],
  ])('reads %p as a path on this host without throwing', (target, pathname, search) => {
    const url = requestUrl({ url: target });
    expect(url.host).toBe(url.host === 'other.example' ? 'other.example' : 'localhost');
    expect(url.pathname).toBe(pathname);
    expect(url.search).toBe(search);
  });

  it('reads a target it cannot parse as /', () => {
    expect(requestUrl({ url: 'http://[' }).pathname).toBe('/');
  });
});

describe('hostIsUsable', () => {
  it.each([
    [undefined, true],
    ['localhost:3978', true],
    ['bot.example.com', true],
    ['[::1]:3978', true],
    ['[', false],
    ['a b', false],
    ['host:99999', false],
  ])('%p is %p', (host, usable) => {
    expect(hostIsUsable({ headers: host === undefined ? {} : { host } })).toBe(usable);
  });
});
