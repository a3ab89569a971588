import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a token may be used for: the REST API, or opening one conversation's WebSocket stream. */
export type TokenUse = 'api' | 'stream';

/**
 * The claims as a token carries them, named as Azure's Direct Line names them (`conv`, `user`):
 * Web Chat and directlinejs read the user from `user`, and take it as the user's id.
 */
const WireClaims = z.object({
  conv: z.string().min(1),
  user: z.string().min(1).optional(),
  /** Expiry, in seconds since the epoch (as a JWT's `exp`). */
  exp: z.number().int(),
  use: z.enum(['api', 'stream']),
});

/** What a token says: the conversation it is bound to, the user it names (if any), when it expires. */
export interface TokenClaims {
  conversationId: string;
  userId?: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
  use: TokenUse;
}

/** Why a token was refused. */
export type TokenRejection = 'malformed' | 'signature' | 'expired' | 'use';
export type TokenCheck = { valid: true; claims: TokenClaims } | { valid: false; reason: TokenRejection };

// Tokens are compact HS256 JWTs, so any JWT tool can read them (Azure's Direct Line tokens are JWTs too).
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Issues and checks Direct Line tokens: HMAC-SHA256 over base64url JSON claims, keyed with the
 * Direct Line secret, or with a random key of this process when there is none (tokens then die
 * with the process, as its conversations do).
 */
export class TokenSigner {
  private key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /**
   * Signs and checks with `key` from now on: the key every replica shares (kept in Redis) when no
   * secret is configured. Tokens signed before are no longer valid.
   */
  useKey(key: Buffer): void {
    if (key.length < 32) throw new Error('TokenSigner.useKey(): the key must have at least 32 bytes');
    this.key = key;
  }

  /** A token for `subject`, valid for at least `ttlSeconds`. */
  issue(subject: { conversationId: string; userId?: string }, ttlSeconds: number, use: TokenUse): string {
    const claims: z.infer<typeof WireClaims> = {
      conv: subject.conversationId,
      ...(subject.userId ? { user: subject.userId } : {}),
      exp: Math.ceil(this.now() / 1000 + ttlSeconds),
      use,
    };
    const signed = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signed}.${this.sign(signed)}`;
  }

  /** Whether `value` has the shape of one of our tokens (it may still be forged or expired). */
  static looksLikeToken(value: string): boolean {
    return value.startsWith(`${HEADER}.`) && value.split('.').length === 3;
  }

  /** Checks the signature, the expiry and the use of `token`. */
  check(token: string, use: TokenUse): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { valid: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'signature' };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { valid: false, reason: 'malformed' };
    }
    const parsed = WireClaims.safeParse(json);
    if (!parsed.success) return { valid: false, reason: 'malformed' };
    if (parsed.data.exp * 1000 <= this.now()) return { valid: false, reason: 'expired' };
    if (parsed.data.use !== use) return { valid: false, reason: 'use' };
    const { conv, user, exp } = parsed.data;
    return { valid: true, claims: { conversationId: conv, ...(user !== undefined ? { userId: user } : {}), exp, use } };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
