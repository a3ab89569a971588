import type { Request, Response } from 'restify';

/** True for a JSON request; otherwise answers 415 with a short JSON error and returns false. */
export function requireJson(req: Request, res: Response): boolean {
  if (req.is('application/json')) return true;
  res.send(415, { error: 'unsupported content type', expected: 'application/json' });
  return false;
}
