import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { parseAgentAccounts, parseAllowedOrigins, parseFrameAncestors } from './settings.js';

const ratio = z.coerce.number().min(0).max(1);

/** A zod refinement that reports the error `parse` throws (without its function name) as the variable's problem. */
function refineWith(parse: (value: string) => unknown): (value: string, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^\w+\(\): /, '') });
    }
  };
}

/** Every environment variable the bot reads, with its default. `.env.example` documents each one. */
export const Config = z.object({
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Address to bind; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Bot Framework app registration; empty runs the bot open for local use. */
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  /** OpenID metadata that channel tokens are checked against; empty uses the public Azure cloud's (sovereign clouds set their own). */
  BOT_OPENID_METADATA_URL: z.string().default(''),
  /** Reply language when nothing else tells it. */
  DEFAULT_LOCALE: z.enum(['en', 'zh-CN']).default('en'),
  /** Folder of the knowledge base (entries, synonyms, stop words, intents). */
  KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  /** Matcher confidence at or above which the bot answers directly. */
  ANSWER_THRESHOLD: ratio.default(0.4),
  /** Confidence at or above which the bot offers "Did you mean…" instead of the fallback. */
  CLARIFY_THRESHOLD: ratio.default(0.27),
  /**
   * Minimum lead of the best entry over the second for a direct answer. With ANSWER_THRESHOLD, the
   * setting that answered most on the calibration's training part with at most 1 % answered wrongly in
   * each language (the last table of `npm run eval -- --sweep`). Since every entry has a second dozen
   * phrasings that table ranks an answer threshold of 0.2–0.275 first (on the training part 2.6 points
   * more answered right in English, 6.3 in Chinese, with the same two wrong answers each); 0.4 is kept
   * because the labelled situations and out-of-scope sets gain nothing from it, and on the whole
   * labelled set the wrong answers in English rise from 4 to 6 of 470 (docs/matcher.md).
   */
  ANSWER_MARGIN: ratio.default(0.125),
  /**
   * The answer threshold for a Chinese message of at least five words (ANSWER_THRESHOLD when higher). Chinese
   * questions score lower than English ones of the same fit (a character pair matches where an English word would):
   * on the training part 0.35 answers 2.6 points more of the top-1 right Chinese questions with the same two wrong,
   * held out 1.5 points more, none wrong more. Short questions keep ANSWER_THRESHOLD: "如何申请ICP备案" (four words)
   * scores 0.35 with the entry on how a foreign enterprise applies, whose title holds every word of it (docs/matcher.md).
   */
  ANSWER_THRESHOLD_ZH: ratio.default(0.35),
  /**
   * Whether the calibrated confidence (knowledge/calibration.json) decides what the score thresholds
   * leave open. Off by default: on the held-out part it adds no right answers over the score thresholds
   * and offers "Did you mean…" differently, so it stays an option until it beats them (docs/calibration.md).
   */
  CALIBRATED_ANSWERS: z.enum(['on', 'off']).default('off'),
  /** Where a person can be reached (URL, e-mail or phone), shown when the user asks for one. */
  SUPPORT_CONTACT: z.string().max(500).default(''),
  /** Where conversation and user state live: a folder on disk, Redis, Azure Blob Storage, or memory (lost on restart). */
  STORAGE: z.enum(['file', 'redis', 'azure-blob', 'memory']).default('file'),
  /** Folder of the embedded store (STORAGE=file), relative to the project root or absolute. */
  STORAGE_DIR: z.string().min(1).default('data/state'),
  /**
   * Folder where the trained entry classifiers are kept, by a digest of what they were trained on, so a restart on the same
   * knowledge base loads them instead of training again (most of start-up); empty trains at every start.
   */
  MODEL_CACHE_DIR: z.string().default('data/models'),
  /** Redis server for STORAGE=redis. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
  /** Prefix of every key the bot writes to Redis, so several bots can share one server. */
  REDIS_KEY_PREFIX: z.string().min(1).default('icp-bot:'),
  /** Idle conversations and users are forgotten after this many seconds (Redis); 0 keeps them. */
  STATE_TTL_SECONDS: z.coerce.number().int().min(0).default(30 * 24 * 3600),
  /** Azure Storage connection string for STORAGE=azure-blob. */
  AZURE_STORAGE_CONNECTION_STRING: z.string().default(''),
  /** Blob container for STORAGE=azure-blob. */
  AZURE_STORAGE_CONTAINER: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/, 'lowercase letters, digits and hyphens, 3-63 characters').default('bot-state'),
  /** How long SIGTERM waits for turns in flight before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * Longest the bot waits for the channel (the activity's serviceUrl) to take one reply, retries
   * included; past it the turn ends with 502 and its saved state stays. Bot Framework channels give
   * up on a bot after fifteen seconds.
   */
  REPLY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Largest accepted request body, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Longest message text the matcher reads; longer text is cut, not rejected. */
  MAX_TEXT_CHARS: z.coerce.number().int().min(16).default(2000),
  /** Direct Line secret clients send as `Authorization: Bearer`, and the key that signs tokens; empty leaves /v3/directline open. */
  DIRECTLINE_SECRET: z.string().refine((value) => value === '' || value.length >= 16, 'must be empty or at least 16 characters').default(''),
  /** Lifetime of a Direct Line token in seconds (Web Chat refreshes its token every 15 minutes). */
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).default(1800),
  /** A Direct Line conversation with no new activity for this many minutes is forgotten. */
  DIRECTLINE_CONVERSATION_IDLE_MINUTES: z.coerce.number().positive().default(60),
  /** Most Direct Line conversations open at once; a new one beyond it gets 503 with Retry-After until others expire. */
  DIRECTLINE_MAX_CONVERSATIONS: z.coerce.number().int().min(1).default(1000),
  /** Largest activity a Direct Line client may post, in bytes of JSON (413 above it). */
  DIRECTLINE_MAX_ACTIVITY_BYTES: z.coerce.number().int().min(1024).default(32 * 1024),
  /** Activities one conversation may send a minute (POST /api/messages and Direct Line); more get 429 with Retry-After. */
  RATE_LIMIT_ACTIVITIES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** New conversations (chat page tokens, anonymous Direct Line starts) one client address may open a minute; the Direct Line secret's holder is not limited. */
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Requests one client address may make a minute on every endpoint but /healthz (Bot Framework channels' authenticated activities are not counted); more get 429 with Retry-After. */
  RATE_LIMIT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Other sites whose pages may call the token endpoint and Direct Line (a widget on them): empty for none, `*` for any, or `https://a.example,https://b.example`. */
  CORS_ORIGINS: z.string().default('').superRefine(refineWith(parseAllowedOrigins)),
  /** Who may show the chat page in a frame: `self`, `none`, `*`, or origins `https://a.example,https://b.example` (besides the page's own site). */
  FRAME_ANCESTORS: z.string().default('self').superRefine(refineWith(parseFrameAncestors)),
  /** Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto/Host for the Direct Line URLs it hands out (wss:// on an https page). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * Where "talk to a person" leads: `off` gives SUPPORT_CONTACT (or says nobody is connected);
   * `protocol` hands the conversation to the channel's contact centre with the Bot Framework
   * handoff protocol (handoff.initiate / handoff.status); `desk` queues it for the built-in agent desk at /agent.
   */
  HANDOFF: z.enum(['off', 'protocol', 'desk']).default('off'),
  /** Agent accounts for the desk and /api/stats, `name:secret,name:secret` (secrets of 12 characters or more). */
  AGENT_ACCOUNTS: z.string().default(''),
  /** Wrong agent passwords (sign-in form or Basic credentials) one client address may send for one account a minute; more get 429 until the allowance refills. */
  RATE_LIMIT_WRONG_PASSWORDS_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** Wrong agent passwords one client address may send a minute for all accounts together (an address where an account signed in lately is not held back by it for that account). */
  RATE_LIMIT_WRONG_PASSWORDS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Wrong passwords for one account a minute from all addresses; over it, addresses that already guessed wrong for it wait, fresh ones are still heard. */
  RATE_LIMIT_WRONG_PASSWORDS_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** How long an agent's desk sign-in lasts, in hours. */
  AGENT_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Closed desk cases (transcripts, case files) are deleted this many days after they closed; 0 keeps them. */
  HANDOFF_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  /** After this many unanswered messages in a row the bot offers a person; 0 never offers on that ground. */
  HANDOFF_AFTER_FAILURES: z.coerce.number().int().min(0).max(100).default(3),
  /** The learning loop's event log (questions, outcomes, picks, 👍/👎, redacted) in the bot's store, and the "Helpful?" buttons. */
  EVENT_LOG: z.enum(['on', 'off']).default('on'),
  /** Days of events kept; older whole days are deleted. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Salt of the hashed user ids in the event log; empty: one is generated and kept in the store. Set the same value on every instance. */
  EVENT_LOG_SALT: z.string().refine((value) => value === '' || value.length >= 16, 'must be empty or at least 16 characters').default(''),
  /** Log level. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Config = z.infer<typeof Config>;

/** Error thrown by {@link loadConfig}; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The recognizer's thresholds as configured (ANSWER_THRESHOLD, ANSWER_THRESHOLD_ZH, CLARIFY_THRESHOLD, ANSWER_MARGIN). */
export function recognizerThresholds(
  config: Pick<Config, 'ANSWER_THRESHOLD' | 'CLARIFY_THRESHOLD' | 'ANSWER_MARGIN'> & Partial<Pick<Config, 'ANSWER_THRESHOLD_ZH'>>,
): { answer: number; clarify: number; margin: number; chineseAnswer?: number } {
  const thresholds = { answer: config.ANSWER_THRESHOLD, clarify: config.CLARIFY_THRESHOLD, margin: config.ANSWER_MARGIN };
  return config.ANSWER_THRESHOLD_ZH === undefined ? thresholds : { ...thresholds, chineseAnswer: config.ANSWER_THRESHOLD_ZH };
}

/**
 * Parses the environment into a {@link Config}. Empty strings count as unset, so a blank line
 * in `.env` falls back to the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(Config.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = Config.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`loadConfig(): invalid environment: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  if (config.STORAGE === 'azure-blob' && config.AZURE_STORAGE_CONNECTION_STRING === '') {
    throw new ConfigError('loadConfig(): AZURE_STORAGE_CONNECTION_STRING: required when STORAGE=azure-blob');
  }
  if (config.CLARIFY_THRESHOLD > config.ANSWER_THRESHOLD) {
    throw new ConfigError(
      `loadConfig(): CLARIFY_THRESHOLD (${config.CLARIFY_THRESHOLD}) must not exceed ANSWER_THRESHOLD (${config.ANSWER_THRESHOLD})`,
    );
  }
  if (config.CLARIFY_THRESHOLD > config.ANSWER_THRESHOLD_ZH) {
    throw new ConfigError(
      `loadConfig(): CLARIFY_THRESHOLD (${config.CLARIFY_THRESHOLD}) must not exceed ANSWER_THRESHOLD_ZH (${config.ANSWER_THRESHOLD_ZH})`,
    );
  }
  if (config.HANDOFF === 'desk' && config.AGENT_ACCOUNTS.trim() === '') {
    throw new ConfigError('loadConfig(): AGENT_ACCOUNTS: required when HANDOFF=desk (name:secret,name:secret)');
  }
  try {
    parseAgentAccounts(config.AGENT_ACCOUNTS);
  } catch (error) {
    throw new ConfigError(`loadConfig(): AGENT_ACCOUNTS: ${(error as Error).message.replace(/^parseAgentAccounts\(\): /, '')}`);
  }
  return config;
}

/** An agent account made up for one run of the bot (see {@link withLocalDesk}). */
export interface GeneratedAgent {
  name: string;
  password: string;
}

/** Letters only, so no part of a generated password looks like a phone or ID number the log would redact. */
const PASSWORD_LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
/** Length of a generated password (letters only, so longer than a mixed one of the same strength). */
const PASSWORD_LENGTH = 24;

/**
 * For local use: when neither HANDOFF nor AGENT_ACCOUNTS is set, the built-in desk with an agent
 * account made up for this run, so "Talk to a person" can be tried end to end after `npm start`.
 * Production stays explicit: with `NODE_ENV=production` (the Dockerfile's), with a bot registered
 * in Azure (`MicrosoftAppId`), and whenever either variable is set, the configuration is returned as it is.
 */
export function withLocalDesk(config: Config, env: NodeJS.ProcessEnv = process.env): { config: Config; agent?: GeneratedAgent } {
  const unset = (name: string) => (env[name] ?? '').trim() === '';
  if (env.NODE_ENV === 'production' || config.MicrosoftAppId !== '' || !unset('HANDOFF') || !unset('AGENT_ACCOUNTS')) return { config };
  const password = Array.from({ length: PASSWORD_LENGTH }, () => PASSWORD_LETTERS[randomInt(PASSWORD_LETTERS.length)]).join('');
  const agent: GeneratedAgent = { name: 'agent', password };
  return { config: { ...config, HANDOFF: 'desk', AGENT_ACCOUNTS: `${agent.name}:${agent.password}` }, agent };
}
