import { createHash } from 'node:crypto';

/**
 * Parsers of the settings whose values have a syntax of their own (agent accounts, origins). They
 * live apart from the features that use the parsed values, so config.ts can check every variable
 * at start-up without importing a feature.
 */

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** Shortest secret accepted for an agent account. */
export const MIN_AGENT_SECRET = 12;

export interface AgentAccount {
  name: string;
  /** SHA-256 of the secret, so comparisons take the same time whatever the guess. */
  digest: Buffer;
}

/**
 * Parses `AGENT_ACCOUNTS` (`name:secret,name:secret`); throws naming the first bad account.
 * An empty string means no accounts: every agent request is refused.
 */
export function parseAgentAccounts(spec: string): AgentAccount[] {
  const accounts: AgentAccount[] = [];
  for (const item of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    const secret = colon < 0 ? '' : item.slice(colon + 1);
    if (!NAME.test(name)) throw new Error(`parseAgentAccounts(): account name "${name.slice(0, 64)}" must be 1-64 letters, digits, dots, dashes or underscores`);
    if (secret.length < MIN_AGENT_SECRET) throw new Error(`parseAgentAccounts(): the secret of "${name}" must be at least ${MIN_AGENT_SECRET} characters`);
    if (accounts.some((account) => account.name === name)) throw new Error(`parseAgentAccounts(): account "${name}" is listed twice`);
    accounts.push({ name, digest: sha256(secret) });
  }
  return accounts;
}

/** Which other origins may call a cross-origin endpoint: none, any, or a list. */
export type AllowedOrigins = { kind: 'none' } | { kind: 'any' } | { kind: 'list'; origins: ReadonlySet<string> };

/** `scheme://host[:port]`, as browsers send it in `Origin`. */
const CORS_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * Parses `CORS_ORIGINS`: empty for none (only the bot's own pages), `*` for any, or a
 * comma-separated list of origins (`https://www.example.com`). Throws naming the first bad entry.
 */
export function parseAllowedOrigins(spec: string): AllowedOrigins {
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return { kind: 'none' };
  if (entries.length === 1 && entries[0] === '*') return { kind: 'any' };
  for (const entry of entries) {
    if (entry === '*') throw new Error('parseAllowedOrigins(): "*" cannot be combined with origins');
    if (!CORS_ORIGIN.test(entry)) throw new Error(`parseAllowedOrigins(): "${entry.slice(0, 100)}" is not an origin like https://www.example.com (scheme and host, no path)`);
  }
  return { kind: 'list', origins: new Set(entries.map((entry) => entry.toLowerCase())) };
}

/** Who may put the chat page in a frame: nobody, only its own site, any site, or a list of origins. */
export type FrameAncestors = { kind: 'none' } | { kind: 'self' } | { kind: 'any' } | { kind: 'list'; origins: readonly string[] };

const FRAME_ORIGIN = /^https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/**
 * Parses `FRAME_ANCESTORS`: `none`, `self`, `*`, or a comma-separated list of origins
 * (`https://www.example.com`, `https://*.example.com`) that may embed the page in a frame besides
 * the page's own site. Throws naming the first bad entry.
 */
export function parseFrameAncestors(spec: string): FrameAncestors {
  const entries = spec.split(',').map((entry) => entry.trim().replace(/^'(.*)'$/, '$1')).filter(Boolean);
  if (entries.length === 1 && ['none', 'self', '*'].includes(entries[0])) {
    return entries[0] === 'none' ? { kind: 'none' } : entries[0] === 'self' ? { kind: 'self' } : { kind: 'any' };
  }
  if (entries.length === 0) throw new Error('parseFrameAncestors(): give none, self, * or a list of origins');
  for (const entry of entries) {
    if (!FRAME_ORIGIN.test(entry)) throw new Error(`parseFrameAncestors(): "${entry.slice(0, 100)}" is not an origin like https://www.example.com (or none, self, * alone)`);
  }
  return { kind: 'list', origins: entries };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
