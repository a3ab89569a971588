import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Next, Request, RequestHandler, Response } from 'restify';

/** The content codings a request body may use, and how each is undone. */
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** What a 415 tells the client it may use (RFC 9110, 12.5.3). */
const ACCEPTED = 'gzip, deflate, br';

/** Content types restify reads from the request stream itself (multipart), not from the body it read. */
const STREAMED_TYPES = ['multipart/form-data'];

/** The body restify's reader would have left: text for the types it treats as text, bytes otherwise. */
function asRestifyBody(req: Request, bytes: Buffer): string | Buffer {
  const type = req.contentType();
  const isText = !type || type === 'application/json' || type === 'application/x-www-form-urlencoded' || type.startsWith('text/');
  return isText ? bytes.toString('utf8') : bytes;
}

/**
 * A handler for before restify's body parser that undoes a request's `Content-Encoding` itself,
 * so a compressed body can neither crash the process (restify's reader unzips without an error
 * handler) nor get past the size limit (restify counts the compressed bytes):
 * - gzip, deflate and br are decompressed as the body streams in, and the unpacked bytes are
 *   counted: past `maxBodyBytes` the decoder is dropped at once and the answer is 413;
 * - a body that is not what its coding says (corrupt, truncated) is 400;
 * - any other coding, or more than one, is 415 with `Accept-Encoding`;
 * - a request without a body, or with `identity`, passes untouched.
 * The decoded body is handed to restify as its own reader would have left it, with the headers of
 * an uncompressed body of that length, so every route sees the same request either way.
 */
export function decodeContentEncoding(maxBodyBytes: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const header = req.headers['content-encoding'];
    if (header === undefined) return next();
    const codings = header
      .split(',')
      .map((coding) => coding.trim().toLowerCase())
      .filter((coding) => coding !== '' && coding !== 'identity');
    const hasBody = req.getContentLength() > 0 || req.isChunked();
    if (codings.length === 0 || !hasBody) {
      delete req.headers['content-encoding'];
      return next();
    }
    const decoder = codings.length === 1 ? DECODERS[codings[0]] : undefined;
    if (!decoder || STREAMED_TYPES.includes(req.contentType())) {
      res.header('Accept-Encoding', ACCEPTED);
      res.send(415, { error: 'unsupported content encoding', accepted: ACCEPTED });
      return next(false);
    }
    readDecoded(req, decoder(), maxBodyBytes, (outcome) => {
      if (outcome.kind === 'ok') {
        // restify's reader leaves a request it has marked read alone (`_readBody`), its parsers take
        // the body from `body`, and it caches the content length (`_clen`) it read before.
        const length = outcome.body.length;
        Object.assign(req, { body: length > 0 ? asRestifyBody(req, outcome.body) : undefined, _readBody: true, _clen: length });
        delete req.headers['content-encoding'];
        delete req.headers['transfer-encoding'];
        req.headers['content-length'] = String(length);
        return next();
      }
      if (outcome.kind === 'gone') return next(false);
      if (outcome.kind === 'tooLarge') res.send(413, { error: 'request body too large', reason: `unpacked, the body is larger than ${maxBodyBytes} bytes` });
      else res.send(400, { error: 'invalid body', reason: `the body is not valid ${codings[0]}` });
      return next(false);
    });
  };
}

type Outcome = { kind: 'ok'; body: Buffer } | { kind: 'tooLarge' } | { kind: 'corrupt' } | { kind: 'gone' };

/**
 * Streams `req` through `decoder`, keeping at most `maxBytes` of output. Calls `done` exactly once.
 * When the outcome is an error the rest of the request is read and dropped, so the connection stays
 * usable (keep-alive) and the client, still sending, gets its answer.
 */
function readDecoded(req: Request, decoder: Transform, maxBytes: number, done: (outcome: Outcome) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (outcome: Outcome) => {
    if (settled) return;
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    decoder.off('drain', onDrain);
    if (outcome.kind !== 'ok') {
      decoder.destroy();
      chunks.length = 0;
      req.resume();
    }
    done(outcome);
  };
  const onData = (chunk: Buffer) => {
    if (!decoder.write(chunk)) req.pause();
  };
  const onDrain = () => req.resume();
  const onEnd = () => decoder.end();
  // Listeners that stay for good: nothing either stream emits can go unhandled, even after settling.
  decoder.on('error', () => settle({ kind: 'corrupt' }));
  req.on('error', () => settle({ kind: 'gone' }));
  req.once('close', () => {
    if (!req.complete) settle({ kind: 'gone' });
  });
  decoder.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > maxBytes) return settle({ kind: 'tooLarge' });
    chunks.push(chunk);
  });
  decoder.once('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks, size) }));
  decoder.on('drain', onDrain);
  req.on('data', onData);
  req.on('end', onEnd);
  req.resume();
}
