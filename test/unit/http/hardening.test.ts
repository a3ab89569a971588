import type { Request, Response } from 'restify';
import { formatJson, tidyClientError } from '../../../src/http/hardening';

/** A response that records the Content-Length formatJson sets. */
function response(statusCode: number) {
  const headers: Record<string, unknown> = {};
  return { res: { statusCode, setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value) } as unknown as Response, headers };
}

describe('formatJson', () => {
  it('leaves a success answer as it is', () => {
    const { res, headers } = response(200);
    const long = 'x'.repeat(1000);
    expect(formatJson({} as Request, res, { text: long })).toBe(JSON.stringify({ text: long }));
    expect(headers['content-length']).toBe(1000 + 11);
  });

  it('cuts every string of an error answer to 160 characters', () => {
    const { res } = response(400);
    const body = JSON.parse(formatJson({} as Request, res, { error: 'invalid since', reason: 'A'.repeat(5000), nested: { list: ['B'.repeat(500)] } })) as Record<string, unknown>;
    expect(body).toEqual({ error: 'invalid since', reason: `${'A'.repeat(160)}…`, nested: { list: [`${'B'.repeat(160)}…`] } });
  });

  it('writes an error through its toJSON, as restify errors are written', () => {
    const { res } = response(400);
    const error = Object.assign(new Error('C'.repeat(300)), { toJSON: () => ({ code: 'BadRequest', message: 'C'.repeat(300) }) });
    expect(JSON.parse(formatJson({} as Request, res, error))).toEqual({ code: 'BadRequest', message: `${'C'.repeat(160)}…` });
  });
});

describe('tidyClientError', () => {
  it('makes a 404 name no path', () => {
    // As restify's router makes it.
    const error = Object.assign(new Error('/<script>alert(1)</script> does not exist'), { name: 'ResourceNotFoundError', statusCode: 404, body: { code: 'ResourceNotFound' } });
    tidyClientError(error);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'ResourceNotFound', message: 'no such resource' });
  });

  it('leaves a server error alone', () => {
    const error = Object.assign(new Error('x'.repeat(300)), { statusCode: 500 });
    tidyClientError(error);
    expect(JSON.stringify(error)).toBe('{"statusCode":500}');
  });
});
