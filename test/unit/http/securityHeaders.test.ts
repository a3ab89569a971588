import { pageSecurityHeaders, parseFrameAncestors } from '../../../src/http/securityHeaders';

describe('parseFrameAncestors', () => {
  it.each([
    ['self', { kind: 'self' }],
    ["'none'", { kind: 'none' }],
    ['*', { kind: 'any' }],
    ['https://www.example.com, https://*.example.org', { kind: 'list', origins: ['https://www.example.com', 'https://*.example.org'] }],
  ])('reads %p', (spec, expected) => {
    expect(parseFrameAncestors(spec)).toEqual(expected);
  });

  it.each([
    ['', /give none, self, \* or a list/],
    ['self,https://a.example', /"self" is not an origin/],
    ['javascript:alert(1)', /is not an origin/],
    ["https://a.example; script-src 'unsafe-inline'", /is not an origin/],
  ])('refuses %p', (spec, message) => {
    expect(() => parseFrameAncestors(spec)).toThrow(message);
  });
});

describe('pageSecurityHeaders', () => {
  const directive = (headers: Record<string, string>, name: string) =>
    headers['content-security-policy'].split('; ').find((part) => part.startsWith(`${name} `));

  it('lets scripts, fetches and the stream come only from the page\'s own origin', () => {
    const headers = pageSecurityHeaders({ kind: 'self' });
    expect(directive(headers, 'script-src')).toBe("script-src 'self'");
    expect(directive(headers, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(headers, 'object-src')).toBe("object-src 'none'");
    expect(headers['content-security-policy']).not.toMatch(/unsafe-eval/);
  });

  it.each([
    [{ kind: 'self' } as const, "frame-ancestors 'self'", 'SAMEORIGIN'],
    [{ kind: 'none' } as const, "frame-ancestors 'none'", 'DENY'],
    [{ kind: 'any' } as const, 'frame-ancestors *', undefined],
    [{ kind: 'list', origins: ['https://a.example'] } as const, "frame-ancestors 'self' https://a.example", undefined],
  ])('frames for %p', (frames, ancestors, xFrameOptions) => {
    const headers = pageSecurityHeaders(frames);
    expect(directive(headers, 'frame-ancestors')).toBe(ancestors);
    expect(headers['x-frame-options']).toBe(xFrameOptions);
  });
});
