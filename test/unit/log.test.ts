import { withRequestId } from '../../src/http/requestId';
import { makeLogger, redact } from '../../src/log';

/** A logger writing into an array, and its lines parsed. */
function collect(threshold: Parameters<typeof makeLogger>[0] = 'debug') {
  const lines: string[] = [];
  const log = makeLogger(threshold, (line) => lines.push(line));
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('makeLogger', () => {
  it('writes one JSON line per message with time, level and msg', () => {
    const { log, lines, parsed } = collect();
    log('info', 'listening');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(parsed()[0]).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), msg: 'listening' });
  });

  it('drops messages below the threshold, and everything when silent', () => {
    const info = collect('warn');
    info.log('info', 'no');
    info.log('error', 'yes');
    expect(info.parsed().map((line) => line.msg)).toEqual(['yes']);
    const silent = collect('silent');
    silent.log('error', 'no');
    expect(silent.lines).toEqual([]);
  });

  it('adds the id of the request being handled, also in promises it starts', async () => {
    const { log, parsed } = collect();
    await withRequestId('req-1', async () => {
      await Promise.resolve();
      log('warn', 'inside');
    });
    log('warn', 'outside');
    expect(parsed().map((line) => line.reqId)).toEqual(['req-1', undefined]);
  });

  it('writes fields, redacting sensitive ones and cleaning the rest', () => {
    const { log, parsed } = collect();
    log('info', 'turn', { status: 200, text: 'my name is Li Lei', headers: { authorization: 'Bearer abc', host: 'a\u0007b' } });
    expect(parsed()[0]).toMatchObject({ status: 200, text: '[redacted]', headers: { authorization: '[redacted]', host: 'a b' } });
  });

  it('keeps a "__proto__" field as data, without changing any prototype', () => {
    const { log, parsed } = collect();
    log('info', 'odd', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed()).toHaveLength(1);
  });

  it('strips control characters, so a message cannot forge a second line', () => {
    const { log, lines } = collect();
    log('error', 'bad input\n{"level":"info","msg":"forged"}\u001b[2J');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\\n|\\u001b/);
  });
});

describe('redact', () => {
  it.each([
    ['an e-mail address', 'write to li.lei+icp@example.com.cn now', 'write to [email] now'],
    ['a mobile number', 'call +86 138 0013 8000', 'call [phone]'],
    ['a number with dashes', 'tel 010-6552-9988', 'tel [phone]'],
    ['a resident identity card number', 'ID 11010519491231002X ok', 'ID [id-number] ok'],
    ['a JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJjIjoiMSJ9.c2ln end', 'token [token] end'],
    ['a bearer credential', 'Authorization: Bearer s3cr3t-value', 'Authorization: Bearer [redacted]'],
    ['the connector key in a URL', 'POST /v3/directline/connector/AbC123_-/v3/conversations', 'POST /v3/directline/connector/[key]/v3/conversations'],
    ['a stream token in a query', '/stream?watermark=3&t=abc.def', '/stream?watermark=3&t=[token]'],
  ])('replaces %s', (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ['a port and a duration', 'listening on 127.0.0.1:3978 after 10000 ms'],
    ['an ISO time', 'expired at 2026-11-22T10:00:00.000Z'],
    ['a rule id', 'rule hosted-in-mainland-needs-filing applied'],
  ])('leaves %s alone', (_name, text) => {
    expect(redact(text)).toBe(text);
  });

  it('cuts very long messages', () => {
    expect(redact('x'.repeat(10_000)).length).toBeLessThanOrEqual(2001);
  });
});
