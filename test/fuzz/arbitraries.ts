import fc from 'fast-check';

/** Markup and script a user might type, hoping it comes back live in the page or a card. */
export const MARKUP = [
  '<script>alert(0x1f)</script>',
  '"><img src=x onerror=alert(0x1f)>',
  "<svg/onload=alert('0x1f')>",
  '[click](javascript:alert(0x1f))',
  '<a href="javascript:alert(0x1f)">x</a>',
  '<iframe src="https://evil.example/0x1f"></iframe>',
] as const;

/** Substrings that must never come back from the bot: each MARKUP item carries at least one. */
export const MARKUP_TELLS = ['<script', 'onerror=', 'onload=', 'javascript:', '<iframe'] as const;

/** Strings chosen to break things: injection, prototype keys, control and odd Unicode characters. */
const NASTY = [
  ...MARKUP,
  '__proto__',
  'constructor',
  'prototype',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '%s%s%s%n',
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '\u0000',
  '\u0000\u0001\u0007\u001b[2J\u007f',
  '\r\n\r\nHTTP/1.1 200 OK',
  '\u202e\u2066\u200b\ufeff',
  '\ud800',
  '\udfff\ud800',
  '💥🔥'.repeat(20),
  '备案'.repeat(50),
  ' '.repeat(100),
  '',
  'do I need an ICP filing if my server is in Hong Kong',
  '我的服务器在香港，需要备案吗',
] as const;

/** Any string, weighted towards the hostile ones; now and then a long run of one letter, up to `longMax`. */
export function hostileString(maxLength = 300, longMax = 20_000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }), fc.constantFrom(...MARKUP)).map(([a, b, c]) => `${a}${b}${c}`) },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(1000, longMax), max: longMax }).map((n) => 'A'.repeat(n)) },
  );
}

/** A JSON value of any type, some of them hostile. */
export function anyJson(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: hostileString(100) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}, [[]], { __proto__: null }) },
  );
}

/** The keys an attacker tries in order to reach Object.prototype. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * A JSON object text from `entries`, written by hand so that `"__proto__"` keys really appear in
 * the text (JSON.stringify of an object literal would have set the prototype instead).
 */
export function objectText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;
}

/** Extra fields to mix into an object: prototype keys with payloads, and random names with random values. */
export function extraEntries(): fc.Arbitrary<[string, unknown][]> {
  const pollution = fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom<unknown>({ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'polluted', null));
  const random = fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), hostileString(20)), anyJson());
  return fc.array(fc.oneof(pollution, random), { maxLength: 4 });
}

/** JSON text nested `depth` levels deep, arrays or objects. */
export function deepText(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 33, max: 20_000 }), fc.boolean()).map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );
}

/** Bytes that are not UTF-8 (truncated sequences, overlong forms, surrogates, 0xFF). */
export function invalidUtf8(): fc.Arbitrary<Buffer> {
  return fc.array(fc.constantFrom([0xc3, 0x28], [0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]), { minLength: 1, maxLength: 6 }).map((parts) =>
    Buffer.from(parts.flat()),
  );
}

/** A JSON object text whose string value `field` holds invalid UTF-8, around a valid prefix of fields. */
export function invalidUtf8Object(prefix: string, field: string): fc.Arbitrary<Buffer> {
  return invalidUtf8().map((bad) => Buffer.concat([Buffer.from(`{${prefix}${prefix ? ',' : ''}"${field}":"x`), bad, Buffer.from('y"}')]));
}

/** Bodies that are not a JSON object: garbage, truncated JSON, other types, deep nesting, an oversized body. */
export function brokenBody(validText: string, maxBodyBytes: number): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    // Cut somewhere inside (an empty body is no body: some endpoints read it as {}).
    fc.integer({ min: 1, max: Math.max(1, validText.length - 1) }).map((cut) => Buffer.from(validText.slice(0, cut))),
    fc.constantFrom('null', '[]', '"text"', '42', 'true', '[{"type":"message"}]', '{', '}', '{"a":1,}', "{'a':1}", '{"a":NaN}').map((text) => Buffer.from(text)),
    deepText().map((text) => Buffer.from(text)),
    fc.constant(Buffer.from(`{"text":"${'x'.repeat(maxBodyBytes + 10)}"}`)),
  );
}

/** Content types a client might send instead of JSON (or with JSON, oddly written). */
export const CONTENT_TYPES = {
  json: ['application/json', 'application/json; charset=utf-8', 'Application/JSON'],
  other: ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'text/html', 'application/octet-stream', 'a/b/c', 'application/json-seq'],
} as const;

/** Header values Node will send (printable ASCII), some hostile. */
export function headerValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer undefined', 'Basic', 'Basic !!!', 'Basic YWdlbnQ6', 'Bearer a.b.c', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x', 'x'.repeat(4000)),
  );
}

/** A path segment: ordinary, percent-encoded hostile text, or broken percent-encoding. */
export function pathSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
    hostileString(60, 3000).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
    fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '..', '.', '%2e%2e', '%2F', '%u0041', 'a%20b'),
  );
}

/** A query string: nothing, ordinary parameters, hostile values, repeated keys. */
export function queryString(keys: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(fc.integer({ min: -5, max: 100_000 }).map(String), hostileString(40, 3000).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))), fc.constantFrom('', '%', '1e3', '0x10', '-0', 'NaN'));
  return fc.array(fc.tuple(fc.constantFrom(...keys, 'x', '__proto__'), value), { maxLength: 3 }).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}
