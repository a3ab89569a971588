import { join } from 'node:path';
import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Server } from 'restify';
import { EligibilityDialog } from '../dialogs/eligibilityDialog.js';
import { HandoffDialog } from '../dialogs/handoffDialog.js';
import { RootDialog } from '../dialogs/rootDialog.js';
import { makeAdapter, type IcpAdapter } from './channels/adapter.js';
import { IcpBot, type BotDependencies } from './bot.js';
import { recognizerThresholds, type Config } from './config.js';
import type { Logger } from './log.js';
import { LANGUAGES, type Language } from './nlu/language.js';
import { makeServer } from './server.js';
import { ETagTrackingStorage } from './storage/turnETags.js';
import { DeskNotifier } from './turn/deskNotifier.js';
import { LearningTurns } from './turn/learningTurns.js';
import { offerTriggersObserver, transcriptObserver } from './turn/observers.js';
import { BotStateAccessors } from './turn/state.js';
import { createI18n, readLocales } from './i18n.js';
import { loadKnowledge } from './knowledge/load.js';
import type { KnowledgeBase } from './knowledge/types.js';
import { Recognizer } from './nlu/recognizer.js';
import { CALIBRATION_FILE, loadCalibration } from './nlu/calibration.js';
import { FactReader, loadVocabulary } from './nlu/facts/index.js';
import { AgentAuth } from './handoff/agentAuth.js';
import { AgentDesk } from './handoff/desk.js';
import { PasswordGuard } from './handoff/passwordGuard.js';
import { registerAgentDesk } from './handoff/deskRoutes.js';
import { HandoffEvents } from './handoff/events.js';
import { Handoff } from './handoff/handoff.js';
import { OfferTriggers } from './handoff/offerTriggers.js';
import { HandoffTranscript } from './handoff/transcript.js';
import { ProactiveSender } from './handoff/proactive.js';
import { Replies } from './replies.js';
import { TurnsInFlight } from './turn/turnsInFlight.js';
import { makeLearningLoop, registerStats, thresholdsOf, type LearningLoop } from './learning/index.js';
import { projectRoot, resolveFromRoot } from './util/projectRoot.js';
import { fileModelStore } from './storage/modelFiles.js';
import type { RateLimitMaker } from './http/rateLimit.js';
import type { Replicas } from './storage/replicas.js';

/** The parts every entry point (server, CLI, tests) builds the same way. */
export interface Core {
  knowledge: KnowledgeBase;
  recognizer: Recognizer;
  i18n: i18n;
  /** Reads the facts of a situation from free text (opening messages and the check's answers). */
  facts: FactReader;
}


/** Loads the knowledge base, vocabulary and locale strings and builds the recognizer and fact reader; throws naming what is wrong. */
export function buildCore(
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'DEFAULT_LOCALE' | 'ANSWER_THRESHOLD' | 'CLARIFY_THRESHOLD' | 'ANSWER_MARGIN'> &
    Partial<Pick<Config, 'ANSWER_THRESHOLD_ZH' | 'CALIBRATED_ANSWERS' | 'MODEL_CACHE_DIR'>>,
  options: { calibration?: 'load' | 'skip' } = {},
): Core {
  const knowledgeDir = resolveFromRoot(config.KNOWLEDGE_DIR);
  const knowledge = loadKnowledge(knowledgeDir);
  // Without a calibration the recognizer decides by its score thresholds. `eval --calibrate` skips it, so it can rebuild
  // one that does not load; the bot uses it only with CALIBRATED_ANSWERS=on (or when asked to load it, as the eval does).
  const wanted = options.calibration === 'load' || (options.calibration === undefined && config.CALIBRATED_ANSWERS === 'on');
  const calibration = wanted ? loadCalibration(join(knowledgeDir, CALIBRATION_FILE)) : undefined;
  // Without the folder configured (a caller that builds its own config), classifiers are trained at every start.
  const models = config.MODEL_CACHE_DIR ? fileModelStore(resolveFromRoot(config.MODEL_CACHE_DIR)) : undefined;
  const recognizer = new Recognizer(knowledge, recognizerThresholds(config), calibration, models);
  const facts = new FactReader(loadVocabulary(knowledgeDir));
  const i18n = createI18n(readLocales(join(projectRoot(), 'locales')), config.DEFAULT_LOCALE);
  return { knowledge, recognizer, i18n, facts };
}

/** The bot and everything it runs on, for one storage. */
export interface BotApp extends Core {
  conversationState: ConversationState;
  userState: UserState;
  /** Every state accessor. */
  state: BotStateAccessors;
  /** The replies in each language, built once. */
  replies: Record<Language, Replies>;
  /** The root dialog, which also routes messages for the bot when no dialog is running. */
  rootDialog: RootDialog;
  bot: IcpBot;
  /** What the bot was built from, for tests that build a variant of it. */
  botDependencies: BotDependencies;
  adapter: IcpAdapter;
  /** Talking to a person (HANDOFF): triggers, case files, the handoff itself. */
  handoff: Handoff;
  /** The built-in agent desk's queue and cases (HANDOFF=desk). */
  desk?: AgentDesk;
  /** Agent accounts (AGENT_ACCOUNTS) guarding the desk and the stats. */
  agentAuth: AgentAuth;
  /** The learning loop (EVENT_LOG=on): feedback buttons and the event log. */
  learning?: LearningLoop;
  /** The turns running now, which shutdown waits for. */
  turns: TurnsInFlight;
}

/** Builds the bot in the order data flows: storage -> knowledge -> recognizer -> dialogs -> bot -> adapter. */
export function buildBotApp(
  config: Config,
  deps: { storage: Storage; log: Logger; core?: Core; repairCorruptState?: (error: unknown) => Promise<boolean>; rateLimits?: RateLimitMaker },
): BotApp {
  // Saves carry the eTag each turn read, so concurrent turns of one conversation conflict instead of overwriting.
  const storage = new ETagTrackingStorage(deps.storage);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const state = new BotStateAccessors(conversationState, userState);
  const core = deps.core ?? buildCore(config);
  const { knowledge, recognizer, i18n, facts } = core;
  const replies = Replies.forLanguages(i18n, knowledge);
  const supportContact = config.SUPPORT_CONTACT;
  const adapter = makeAdapter(config, { i18n, conversationState, log: deps.log });
  const turns = new TurnsInFlight();
  adapter.use(turns);
  // The desk writes its queue and cases with eTags of its own, outside any turn: the plain store.
  const desk = config.HANDOFF === 'desk' ? new AgentDesk(deps.storage, { retentionDays: config.HANDOFF_RETENTION_DAYS, log: deps.log }) : undefined;
  const enabled = config.HANDOFF !== 'off';
  const transcript = new HandoffTranscript({ enabled, state, replies, knowledge });
  const offerTriggers = new OfferTriggers({ enabled, state, knowledge, afterFailures: config.HANDOFF_AFTER_FAILURES });
  const handoff = new Handoff({ mode: config.HANDOFF, state, replies, transcript, desk });
  const handoffEvents = new HandoffEvents({ state, replies, log: deps.log });
  const learning = config.EVENT_LOG === 'on' ? makeLearningLoop(config, { storage: deps.storage, i18n, log: deps.log }) : undefined;
  const learningTurns = learning ? new LearningTurns(learning, state) : undefined;
  const handoffDialog = new HandoffDialog({ handoff, replies });
  const eligibilityDialog = new EligibilityDialog({ recognizer, facts, knowledge, i18n, replies, state, supportContact, handoffEnabled: handoff.enabled });
  const rootDialog = new RootDialog({ recognizer, facts, knowledge, replies, state, supportContact, eligibilityDialog, handoff, offerTriggers, handoffDialog, feedbackButtons: learning !== undefined });
  const botDependencies: BotDependencies = {
    state,
    rootDialog,
    replies,
    defaultLanguage: config.DEFAULT_LOCALE,
    maxTextChars: config.MAX_TEXT_CHARS,
    repairCorruptState: deps.repairCorruptState,
    handoff,
    handoffEvents,
    learning: learningTurns,
    // The transcript first: it records the user's message before anything answers it. Without a handoff nothing reads
    // the transcript or the triggers' count, and both observers would only add a step to every turn and every reply.
    observers: [...(enabled ? [transcriptObserver(transcript), offerTriggersObserver(offerTriggers)] : []), ...(learningTurns ? [learningTurns] : [])],
    router: rootDialog,
  };
  const bot = new IcpBot(botDependencies);
  const sessionSeconds = config.AGENT_SESSION_HOURS * 3600;
  const guard = new PasswordGuard(
    {
      perAddressAndAccount: config.RATE_LIMIT_WRONG_PASSWORDS_PER_MINUTE,
      perAddress: config.RATE_LIMIT_WRONG_PASSWORDS_PER_ADDRESS_PER_MINUTE,
      perAccount: config.RATE_LIMIT_WRONG_PASSWORDS_PER_ACCOUNT_PER_MINUTE,
    },
    sessionSeconds * 1000,
    undefined,
    deps.rateLimits,
  );
  const agentAuth = new AgentAuth(config.AGENT_ACCOUNTS, sessionSeconds, { guard, storage: deps.storage, trustProxy: config.TRUST_PROXY });
  return { ...core, conversationState, userState, state, replies, rootDialog, bot, botDependencies, adapter, handoff, desk, agentAuth, learning, turns };
}

/**
 * The HTTP server of a bot app, not yet listening; `ready` is what /readyz asks (absent: always
 * ready); `replicas` shares Direct Line and the rate limits with other replicas (absent: this process only).
 */
export function buildServer(config: Config, app: BotApp, log: Logger, ready?: () => Promise<void>, replicas?: Pick<Replicas, 'conversations' | 'rateLimits'>): Server {
  const { server, directLine } = makeServer({
    adapter: app.adapter,
    bot: app.bot,
    maxBodyBytes: config.MAX_BODY_BYTES,
    health: () => ({ entries: { en: app.knowledge.entries.en.length, 'zh-CN': app.knowledge.entries['zh-CN'].length } }),
    ready,
    pageStrings: Object.fromEntries(
      LANGUAGES.map((language) => {
        const t = app.i18n.getFixedT(language);
        return [language, { title: t('page.title'), connectFailed: t('page.connectFailed'), switchMessage: t('page.switchMessage') }];
      }),
    ),
    log,
    security: {
      trustProxy: config.TRUST_PROXY,
      corsOrigins: config.CORS_ORIGINS,
      frameAncestors: config.FRAME_ANCESTORS,
      activitiesPerMinute: config.RATE_LIMIT_ACTIVITIES_PER_MINUTE,
      conversationsPerMinute: config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
      requestsPerMinute: config.RATE_LIMIT_REQUESTS_PER_MINUTE,
    },
    directLine: {
      secret: config.DIRECTLINE_SECRET,
      tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
      conversationIdleMinutes: config.DIRECTLINE_CONVERSATION_IDLE_MINUTES,
      maxConversations: config.DIRECTLINE_MAX_CONVERSATIONS,
      maxActivityBytes: config.DIRECTLINE_MAX_ACTIVITY_BYTES,
      botAppId: config.MicrosoftAppId,
      trustProxy: config.TRUST_PROXY,
    },
    ...(replicas ? { shared: replicas } : {}),
  });
  if (app.desk) {
    const strings = Object.fromEntries(LANGUAGES.map((language) => [language, app.i18n.getResourceBundle(language, 'desk')]));
    // Agents' messages reach the user in proactive turns of the bot: through this server's Direct Line
    // endpoint for its own conversations, through the channel otherwise.
    const proactive = new ProactiveSender(app.adapter, config.MicrosoftAppId, directLine);
    const notifier = new DeskNotifier({ desk: app.desk, proactive, runTurn: (context) => app.bot.run(context), log });
    registerAgentDesk(server, { desk: app.desk, notifier, auth: app.agentAuth, log, trustProxy: config.TRUST_PROXY, strings });
  }
  registerStats(server, { auth: app.agentAuth, eventLog: app.learning?.eventLog, normalizer: app.recognizer.normalizer, thresholds: thresholdsOf(config), log });
  return server;
}
