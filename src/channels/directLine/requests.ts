import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { requestUrl } from '../../http/requestUrl.js';
import { ConversationStoreUnavailableError } from './conversations.js';
import { sendError, type DirectLineErrorCode } from './errors.js';

/** Seconds a client is asked to wait when the shared store is away. */
const STORE_RETRY_AFTER_SECONDS = 2;
import type { DirectLineLog } from './log.js';

/** A request body that passed its schema, or why it did not. */
export type BodyRead<T> = { ok: true; value: T } | { ok: false; status: 400 | 415; code: DirectLineErrorCode; message: string };

/**
 * The JSON body of `req` (already parsed by restify's bodyParser) checked against `schema`.
 * A request without a body is read as `{}` unless the body is `required`.
 */
export function readBody<T>(req: Request, schema: z.ZodType<T>, required: boolean): BodyRead<T> {
  const hasBody = req.getContentLength() > 0 || req.isChunked();
  if (hasBody && !req.is('application/json')) return { ok: false, status: 415, code: 'BadArgument', message: 'the body must be application/json' };
  if (!hasBody && required) return { ok: false, status: 400, code: 'MissingProperty', message: 'a JSON body is required' };
  const parsed = schema.safeParse(hasBody ? req.body : {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || '(body)';
  return { ok: false, status: 400, code: 'BadArgument', message: `${field}: ${issue.message}` };
}

/**
 * Wraps an async route handler so an unexpected error is logged and answered with 500 (503 with
 * Retry-After when the shared store is away), and a client never sees a stack trace.
 */
export function guarded(name: string, log: DirectLineLog, handler: (req: Request, res: Response) => Promise<void>): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof ConversationStoreUnavailableError) {
        log('warn', `Direct Line ${name}: ${error.message}`);
        if (res.headersSent) return;
        res.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
        return sendError(res, 503, 'ServiceError', 'conversations are unavailable for a moment; try again');
      }
      log('error', `Direct Line ${name}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'ServiceError', 'internal error');
    }
  };
}

/** A route parameter of `req` (restify has decoded it). */
export function param(req: Request, name: string): string | undefined {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A query-string parameter of `req`, or null (the server has no query parser). */
export function query(req: Request, name: string): string | null {
  return requestUrl(req).searchParams.get(name);
}
