import { z } from 'zod';

/** Settings of the self-hosted Direct Line endpoint; every one has a default. */
export const DirectLineOptions = z.object({
  /** What clients present as `Authorization: Bearer …`, and the key that signs tokens. Empty: the endpoint is open. */
  secret: z.string().default(''),
  /** Lifetime of a token in seconds (Web Chat refreshes its token every 15 minutes). */
  tokenTtlSeconds: z.number().int().min(1).default(1800),
  /** A conversation with no new activity for this many minutes is forgotten and its streams closed. */
  conversationIdleMinutes: z.number().positive().default(60),
  /** Activities kept per conversation; older ones are dropped. */
  maxTranscript: z.number().int().min(1).default(1000),
  /** Bytes of activity JSON kept per conversation; older activities are dropped beyond it (with maxConversations, it bounds memory). */
  maxTranscriptBytes: z.number().int().min(1024).default(256 * 1024),
  /** Conversations open at once; a new one beyond it is refused (503 with Retry-After) until others expire. */
  maxConversations: z.number().int().min(1).default(1000),
  /** Largest activity a client may post, in bytes of JSON (413 above it). */
  maxActivityBytes: z.number().int().min(1024).default(32 * 1024),
  /** Take the client's scheme and host from X-Forwarded-Proto/-Host (only behind a proxy that sets them). */
  trustProxy: z.boolean().default(false),
  /** The bot's Microsoft app id (empty when the bot runs without one), put in the turn's claims. */
  botAppId: z.string().default(''),
  /** The bot's display name in every conversation. */
  botName: z.string().default('Bot'),
});
/** What a caller may pass: every field is optional. */
export type DirectLineOptions = z.input<typeof DirectLineOptions>;
/** The options with their defaults filled in. */
export type DirectLineSettings = z.output<typeof DirectLineOptions>;
