import type { Response } from 'restify';

/** Error codes of the Direct Line 3.0 `ErrorResponse`, as the service names them. */
export type DirectLineErrorCode = 'BadArgument' | 'MissingProperty' | 'BadSyntax' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'NotSupported' | 'BotError' | 'ServiceError' | 'TooManyRequests';

/** Answers with Direct Line's error shape, `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: DirectLineErrorCode, message: string): void {
  res.send(status, { error: { code, message } });
}
