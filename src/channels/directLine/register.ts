import type { ActivityHandler, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Request, Server } from 'restify';
import { DirectLineAuth } from './auth.js';
import { BotDelivery } from './botDelivery.js';
import { registerClientRoutes } from './clientRoutes.js';
import { registerConnectorRoutes } from './connectorRoutes.js';
import type { Account, TranscriptLimits } from './conversation.js';
import { ConversationStore } from './conversationStore.js';
import type { DirectLineConversations } from './conversations.js';
import type { DirectLineLimits } from './limits.js';
import type { DirectLineLog } from './log.js';
import { DirectLineOptions } from './options.js';
import { registerPreHandlers } from './preHandlers.js';
import { DirectLineService, type TokenGrant, type UserInput } from './service.js';
import { StreamEndpoint } from './stream.js';
import { TokenSigner } from './tokens.js';
import { DIRECT_LINE_PATH, ownHost, requestOrigin } from './urls.js';
import { beforeClose } from '../../util/beforeClose.js';

/** The bot the endpoint hands activities to, and the server's logger. */
export interface DirectLineBot {
  adapter: CloudAdapter;
  bot: Pick<ActivityHandler, 'run'>;
  log: DirectLineLog;
  /** Rate limits for conversations and activities; absent: none. */
  limits?: DirectLineLimits;
  /** Where conversations live when several replicas share them (Redis); absent: in this process. */
  shared?: SharedConversations;
}

/** What the store's maker is given. */
export type ConversationStoreSettings = { idleMs: number; bot: Account; maxConversations: number } & TranscriptLimits;

/** Conversations kept where every replica reaches them, and the token key they share when there is no secret. */
export interface SharedConversations {
  makeStore: (settings: ConversationStoreSettings) => DirectLineConversations;
  /** The key tokens are signed with when DIRECTLINE_SECRET is empty; rejects while the store is away. */
  signingKey: () => Promise<Buffer>;
}

/** How long to wait before asking again for the shared signing key when the store is away. */
const SIGNING_KEY_RETRY_MS = 1000;

/** A registered endpoint, for code in the same process (the chat page) and for tests. */
export interface DirectLineEndpoint {
  /** A token for a new conversation, as `POST /v3/directline/tokens/generate` gives (naming `user` when given). */
  generateToken(user?: UserInput): TokenGrant;
  /** A token for a new conversation naming a fresh `dl_…` user, as Azure's Direct Line gives Web Chat. */
  generateUserToken(): TokenGrant;
  /** The Direct Line base URL (`domain` for directlinejs / Web Chat) as the client of `req` reaches it. */
  domain(req: Request): string;
  /** Conversations alive now (in every replica when they are shared). */
  countConversations(): Promise<number>;
  /** Whether a conversation reference is one of this endpoint's (by its connector URL), alive or not. */
  owns(reference: Partial<ConversationReference>): boolean;
  /**
   * Runs `logic` in a proactive turn of one of this endpoint's conversations; rejects when the
   * conversation is no longer here (it expired, or the process restarted).
   */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Ends every conversation, closes the streams and stops the timers (done by itself when the server closes). */
  close(): void;
}

/**
 * Serves Direct Line 3.0 on `server` (`/v3/directline/…`): tokens, conversations, activities by
 * polling and WebSocket, and the connector routes the bot answers through. Activities reach the
 * bot through `deps.adapter`'s own turn pipeline, so the bot cannot tell it from Azure's channel.
 * Conversations live in this process's memory, or with `deps.shared` in Redis, where any replica
 * serves any request of any conversation.
 */
export function registerDirectLine(server: Server, options: DirectLineOptions, deps: DirectLineBot): DirectLineEndpoint {
  const parsed = DirectLineOptions.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`registerDirectLine(): invalid option ${issue.path.join('.')}: ${issue.message}`);
  }
  const settings = parsed.data;
  const signer = new TokenSigner(settings.secret);
  const auth = new DirectLineAuth(settings.secret, signer);
  const bot: Account = { id: settings.botAppId || 'bot', name: settings.botName, role: 'bot' };
  const storeSettings: ConversationStoreSettings = {
    idleMs: settings.conversationIdleMinutes * 60_000,
    maxTranscript: settings.maxTranscript,
    maxTranscriptBytes: settings.maxTranscriptBytes,
    maxConversations: settings.maxConversations,
    bot,
  };
  const store = deps.shared ? deps.shared.makeStore(storeSettings) : new ConversationStore(storeSettings);
  let closed = false;
  if (deps.shared && !settings.secret) {
    // Until Redis answers nothing can be served anyway; then every replica signs with the same key.
    const shared = deps.shared;
    const fetchKey = (): void => {
      shared.signingKey().then(
        (key) => signer.useKey(key),
        (error: Error) => {
          deps.log('warn', `Direct Line: waiting for the shared token key: ${error.message}`);
          if (!closed) setTimeout(fetchKey, SIGNING_KEY_RETRY_MS).unref();
        },
      );
    };
    fetchKey();
  }
  const host = () => ownHost(server.server);
  const delivery = new BotDelivery(deps.adapter, deps.bot, settings.botAppId);
  const service = new DirectLineService(settings, store, signer, delivery, host, deps.log);
  const streams = new StreamEndpoint(store, signer, deps.log);

  registerPreHandlers(server);
  registerClientRoutes(server, {
    service,
    store,
    auth,
    trustProxy: settings.trustProxy,
    ownHost: host,
    log: deps.log,
    limits: deps.limits,
    maxActivityBytes: settings.maxActivityBytes,
  });
  registerConnectorRoutes(server, { service, store, log: deps.log });
  streams.attach(server.server);
  store.startSweeping((conversation, activity) => service.recoverTurn(conversation, activity));

  const close = () => {
    if (closed) return;
    closed = true;
    streams.close();
    void store.close();
  };
  beforeClose(server.server, close);

  return {
    generateToken: (user) => service.generateToken(user),
    generateUserToken: () => service.generateUserToken(),
    domain: (req) => {
      const origin = requestOrigin(req, settings.trustProxy, host());
      return `${origin.secure ? 'https' : 'http'}://${origin.host}${DIRECT_LINE_PATH}`;
    },
    countConversations: async () => store.count(),
    owns: (reference) => typeof reference.serviceUrl === 'string' && reference.serviceUrl.includes(`${DIRECT_LINE_PATH}/connector/`),
    continueConversation: async (reference, logic) => {
      const id = reference.conversation?.id;
      if (!id || !(await store.get(id))) throw new Error(`continueConversation(): Direct Line conversation ${id ?? '(none)'} is gone`);
      await delivery.continueConversation(reference, service.serviceUrl, logic);
    },
    close,
  };
}
