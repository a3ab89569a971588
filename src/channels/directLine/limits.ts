import type { Request } from 'restify';
import type { RateLimit } from '../../http/rateLimit.js';

/**
 * The abuse limits the endpoint enforces. The server builds them, so the chat page's token
 * endpoint and Direct Line count new conversations in the same limiter.
 */
export interface DirectLineLimits {
  /** New conversations per client address (anonymous starts and tokens/generate on an open endpoint). */
  conversationsPerClient: RateLimit;
  /** Activities per conversation. */
  activitiesPerConversation: RateLimit;
  /** The rate-limit key of a request's client (its address). */
  clientKey: (req: Request) => string;
}
