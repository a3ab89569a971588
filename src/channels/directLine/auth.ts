import { createHash, timingSafeEqual } from 'node:crypto';
import { TokenSigner, type TokenClaims } from './tokens.js';

/**
 * Who is calling: the holder of the secret, the holder of a token, or anyone (open endpoint only).
 * An anonymous caller that presents a secret of its own making has `key`, its digest: the
 * conversations it starts with that secret are open to it again (botium-connector-directline3 and
 * directlinejs with a `secret` send it on every request instead of the conversation's token).
 */
export type Principal = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims } | { kind: 'anonymous'; key?: string };

/** Shortest made-up secret taken as a key on an open endpoint (as DIRECTLINE_SECRET's shortest); directlinejs's "Bearer undefined" is none. */
const MIN_KEY_CHARS = 16;

/** The outcome of reading a request's credentials: a principal, or the status to refuse it with. */
export type Authentication = { ok: true; principal: Principal } | { ok: false; status: 401 | 403; message: string };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Reads `Authorization: Bearer <secret or token>`. With a secret configured every request needs
 * one: none is 401, a wrong or expired one 403. Without a secret the endpoint is open: a request
 * without a token is anonymous, but a token that is presented must still be valid.
 */
export class DirectLineAuth {
  private readonly secret: Buffer | undefined;

  constructor(
    secret: string,
    private readonly signer: TokenSigner,
  ) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : undefined;
  }

  /** Whether a secret is configured (the endpoint is closed to anonymous callers). */
  get closed(): boolean {
    return this.secret !== undefined;
  }

  /** The principal behind an `Authorization` header. */
  authenticate(header: string | undefined): Authentication {
    const credential = BEARER.exec(header ?? '')?.[1];
    if (credential === undefined) {
      return this.secret ? { ok: false, status: 401, message: 'an Authorization: Bearer header is required' } : { ok: true, principal: { kind: 'anonymous' } };
    }
    if (this.secret && this.isSecret(credential)) return { ok: true, principal: { kind: 'secret' } };
    // Open endpoint: directlinejs sends "Bearer undefined" before it has a token, so only what looks like a token is checked.
    if (!this.secret && !TokenSigner.looksLikeToken(credential)) {
      const key = credential.length >= MIN_KEY_CHARS ? createHash('sha256').update(credential).digest('base64url') : undefined;
      return { ok: true, principal: { kind: 'anonymous', ...(key ? { key } : {}) } };
    }
    const check = this.signer.check(credential, 'api');
    if (!check.valid) return { ok: false, status: 403, message: check.reason === 'expired' ? 'the token has expired' : 'the secret or token is not valid' };
    return { ok: true, principal: { kind: 'token', claims: check.claims } };
  }

  /**
   * Whether `principal` may read and write conversation `conversationId`. Anonymous callers need a
   * token for that, or the key the conversation was started with (`ownerKey`).
   */
  mayAccess(principal: Principal, conversationId: string, ownerKey?: string): Authentication {
    if (principal.kind === 'secret') return { ok: true, principal };
    if (principal.kind === 'anonymous') {
      if (principal.key !== undefined && ownerKey !== undefined && principal.key === ownerKey) return { ok: true, principal };
      return { ok: false, status: 401, message: 'a token for this conversation is required' };
    }
    if (principal.claims.conversationId !== conversationId) return { ok: false, status: 403, message: 'the token is for another conversation' };
    return { ok: true, principal };
  }

  private isSecret(credential: string): boolean {
    const given = Buffer.from(credential, 'utf8');
    return this.secret !== undefined && given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }
}
