import { RateLimiter, type RateDecision, type RateLimit, type RateLimitMaker } from '../http/rateLimit.js';

/** Wrong agent passwords allowed a minute, per key (AGENT_* limits in config). */
export interface PasswordGuardLimits {
  /** From one client address for one account. */
  perAddressAndAccount: number;
  /** From one client address, all accounts together. */
  perAddress: number;
  /** For one account, all addresses together. */
  perAccount: number;
}

const ALLOWED: RateDecision = { allowed: true };
/** Most (address, account) pairs remembered as having signed in. */
const MAX_TRUSTED = 10_000;

/**
 * Limits password guesses, not account holders. Only wrong passwords count, in buckets that refill
 * within a minute (so a lock is short): per (address, account), per address, and per account. Over
 * the account's limit only addresses that have already guessed wrong for it are refused, so the
 * holder can always sign in from an address of their own. An address where an account signed in
 * lately skips the per-address and per-account limits for that account, so another user's guesses
 * from a shared address (an office behind one NAT) do not keep the holder out. A guess is refused
 * before the password is checked: an answer would tell a locked-out guesser whether it was right.
 */
export class PasswordGuard {
  private readonly pairs: RateLimit;
  /** One wrong guess per pair a minute: what an address may try while its account is under attack. */
  private readonly pairsUnderAttack: RateLimit;
  private readonly addresses: RateLimit;
  private readonly accounts: RateLimit;
  /** (address, account) pairs that signed in, with when that stops counting. */
  private readonly trusted = new Map<string, number>();

  constructor(
    limits: PasswordGuardLimits,
    private readonly trustMs: number,
    private readonly now: () => number = Date.now,
    /** Where wrong passwords are counted: in this process, or (several replicas) in Redis, so going round the replicas gains no tries. */
    makeLimit: RateLimitMaker = (_name, perMinute) => new RateLimiter(perMinute, undefined, now),
  ) {
    this.pairs = makeLimit('passwords-pair', limits.perAddressAndAccount);
    this.pairsUnderAttack = makeLimit('passwords-pair-attacked', 1);
    this.addresses = makeLimit('passwords-address', limits.perAddress);
    this.accounts = makeLimit('passwords-account', limits.perAccount);
  }

  /** Whether a password for `account` from `address` may be checked now. */
  async admit(address: string, account: string): Promise<RateDecision> {
    const pair = pairKey(address, account);
    const own = await this.pairs.peek(pair);
    if (!own.allowed) return own;
    if (this.isTrusted(pair)) return ALLOWED;
    const fromAddress = await this.addresses.peek(address);
    if (!fromAddress.allowed) return fromAddress;
    const forAccount = await this.accounts.peek(account);
    if (forAccount.allowed) return ALLOWED;
    const again = await this.pairsUnderAttack.peek(pair);
    return again.allowed ? ALLOWED : forAccount;
  }

  /** Counts a wrong password for `account` from `address`. */
  async failed(address: string, account: string): Promise<void> {
    const pair = pairKey(address, account);
    await Promise.all([this.pairs.take(pair), this.pairsUnderAttack.take(pair), this.addresses.take(address), this.accounts.take(account)]);
  }

  /** Remembers that `account` signed in from `address`. */
  succeeded(address: string, account: string): void {
    const pair = pairKey(address, account);
    this.trusted.delete(pair);
    this.trusted.set(pair, this.now() + this.trustMs);
    if (this.trusted.size > MAX_TRUSTED) this.trusted.delete(this.trusted.keys().next().value as string);
  }

  private isTrusted(pair: string): boolean {
    const until = this.trusted.get(pair);
    if (until === undefined) return false;
    if (until >= this.now()) return true;
    this.trusted.delete(pair);
    return false;
  }
}

function pairKey(address: string, account: string): string {
  return `${address}\u0000${account}`;
}
