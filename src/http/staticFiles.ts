import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { Next, Request, Response, Server } from 'restify';
import { projectRoot } from '../util/projectRoot.js';

/** The content codings served, best first. */
export const CODINGS = ['br', 'gzip'] as const;
export type Coding = (typeof CODINGS)[number];

/** File name endings of precompressed files, per coding. */
const EXTENSIONS: Record<Coding, string> = { br: 'br', gzip: 'gz' };

/** Where `npm run build` leaves the precompressed files (`<content hash>.br` / `.gz`). */
export function defaultPrecompressedDir(): string {
  return join(projectRoot(), 'dist', 'static');
}

/** A year: what a URL whose path names its content's hash may be kept for. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Bodies smaller than this are not worth a coding (a compressed body and its headers would not be smaller). */
const MIN_COMPRESSIBLE_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * What a server without the build's files makes on its first request for a coding, kept in memory:
 * quick settings, a fraction of the time the best ones take on a web-sized bundle.
 */
function compressQuickly(body: Buffer, coding: Coding): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body, { level: 6 });
  return brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
}

/** The best compression, which the build writes once (brotli's best takes seconds on a web-sized bundle). */
function compressBest(body: Buffer, coding: Coding): Buffer {
  if (coding === 'gzip') return gzipSync(body, { level: 9 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** The hash that names a body: in versioned URLs, ETags and precompressed file names. */
export function contentHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 20);
}

/**
 * The codings a request accepts (RFC 9110, 12.5.3), best first by our order among those with q > 0.
 * `*` stands for every coding not named.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const star = weights.get('*');
  return CODINGS.filter((coding) => (weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? star ?? 0) > 0);
}

/** What to serve: a file's bytes and type. */
export interface StaticSource {
  body: Buffer;
  type: string;
}

/**
 * One file served with its compressed forms: those the build wrote (`dir/<hash>.br|.gz`), read at
 * start-up, or else made in the background on the first request that accepts the coding, which is
 * answered with what is ready meanwhile.
 */
export class CompressedFile {
  readonly hash: string;
  private readonly encoded = new Map<Coding, Buffer>();
  private readonly making = new Set<Coding>();
  private readonly compressible: boolean;

  constructor(
    readonly source: StaticSource,
    /** Where the build left precompressed files; absent: none to look for (a generated or tiny file). */
    precompressedDir?: string,
  ) {
    this.hash = contentHash(source.body);
    this.compressible = source.body.length >= MIN_COMPRESSIBLE_BYTES;
    if (!this.compressible || precompressedDir === undefined) return;
    for (const coding of CODINGS) {
      const path = join(precompressedDir, `${this.hash}.${EXTENSIONS[coding]}`);
      if (existsSync(path)) this.encoded.set(coding, readFileSync(path));
    }
  }

  /** The best body for codings accepted in this order: compressed when ready, else the file itself. */
  pick(accepted: readonly Coding[]): { coding: Coding | undefined; body: Buffer } {
    if (!this.compressible) return { coding: undefined, body: this.source.body };
    for (const coding of accepted) {
      const body = this.encoded.get(coding);
      if (body) return { coding, body };
    }
    // The best accepted coding is made for the next request; this one gets the file as it is.
    const wanted = accepted[0];
    if (wanted) this.make(wanted);
    return { coding: undefined, body: this.source.body };
  }

  private make(coding: Coding): void {
    if (this.making.has(coding)) return;
    this.making.add(coding);
    compressQuickly(this.source.body, coding).then(
      (body) => this.encoded.set(coding, body),
      () => this.making.delete(coding),
    );
  }
}

/** How a route caches: `versioned` paths name the content hash and are kept for a year; others are revalidated. */
export type Caching = 'revalidate' | 'versioned';

/**
 * Serves `file` at `route` (GET and HEAD) with content negotiation (`Accept-Encoding`, `Vary`),
 * a strong ETag per coding and `If-None-Match` (304), and the caching asked for.
 */
export function serveCompressed(server: Server, route: string, file: CompressedFile, caching: Caching, extraHeaders: Record<string, string> = {}): void {
  const handler = (req: Request, res: Response, next: Next) => {
    const { coding, body } = file.pick(acceptedCodings(req.headers['accept-encoding']));
    const etag = `"${file.hash}${coding ? `-${coding}` : ''}"`;
    const headers: Record<string, string | number> = {
      'content-type': file.source.type,
      'cache-control': caching === 'versioned' ? IMMUTABLE : 'no-cache',
      etag,
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
      ...extraHeaders,
    };
    if (coding) headers['content-encoding'] = coding;
    const known = req.headers['if-none-match'];
    if (known !== undefined && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers);
      res.end();
      return next();
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return next();
  };
  server.get(route, handler);
  server.head(route, handler);
}

/**
 * Writes the best compressed forms of `files` into `dir` as `<content hash>.br` and `.gz` (the build
 * step: `npm run build`), skipping those already there. Returns what it wrote, with the sizes.
 */
export function precompress(files: readonly string[], dir: string): { file: string; hash: string; raw: number; gzip: number; br: number }[] {
  mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const body = readFileSync(file);
    const hash = contentHash(body);
    const sizes = { gzip: 0, br: 0 };
    for (const coding of CODINGS) {
      const path = join(dir, `${hash}.${EXTENSIONS[coding]}`);
      if (!existsSync(path)) {
        // Written aside and renamed, so a build stopped halfway never leaves a cut file to be served.
        writeFileSync(`${path}.partial`, compressBest(body, coding));
        renameSync(`${path}.partial`, path);
      }
      sizes[coding] = readFileSync(path).length;
    }
    return { file, hash, raw: body.length, ...sizes };
  });
}
