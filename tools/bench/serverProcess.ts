import type { AddressInfo } from 'node:net';
import { ActivityHandler, type Activity, type TurnContext } from 'botbuilder';
import { buildBotApp, buildServer, type BotApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { makeStorage } from '../../src/storage/index.js';
import { BARE_ROUTE, FLOOR_ROUTE, type ServerCpu, type ServerReady } from './botProtocol.js';

/**
 * The bot server of `bench bot`, run as a child process so that the load generator does not share
 * its CPU time: the real app and server (STORAGE=memory) on loopback at a free port, plus two routes
 * registered here only: a bare route as the ceiling, and the botbuilder floor. Tells the parent its
 * port over IPC, and its CPU time when asked; exits when the parent goes.
 */
async function main(): Promise<void> {
  // The load generator is one address on loopback: the per-address limit would measure only itself.
  const config = loadConfig({ ...process.env, STORAGE: 'memory', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_REQUESTS_PER_MINUTE: String(Number.MAX_SAFE_INTEGER) });
  const errors: string[] = [];
  const log: Logger = (level, message) => {
    if (level === 'error' && errors.length < 20) errors.push(message);
  };
  const store = makeStorage(config, log);
  await store.ready();
  const app = buildBotApp(config, { storage: store.storage, log, repairCorruptState: store.repairCorruptState });
  const server = buildServer(config, app, log);
  // The same server, body parser and middleware, but no turn: what restify alone costs.
  server.post(BARE_ROUTE, (_req, res, next) => {
    res.send(200, { activities: [] });
    return next();
  });
  const floor = new FloorBot(app);
  server.post(FLOOR_ROUTE, async (req, res) => {
    const activity = req.body as Activity;
    try {
      const authentication = await app.adapter.authenticate(activity, req.header('authorization') ?? '');
      const response = await app.adapter.runAuthenticated(authentication, activity, (context) => floor.run(context));
      res.send(response?.status ?? 200, response?.body);
    } catch (error) {
      log('error', `${FLOOR_ROUTE}: ${(error as Error).message}`);
      if (!res.headersSent) res.send(500, { error: 'the turn failed' });
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const ready: ServerReady = { type: 'ready', port };
    process.send?.(ready);
  });
  process.on('message', (message: unknown) => {
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (type === 'errors') process.send?.({ type: 'errors', errors });
    if (type === 'cpu') {
      const { user, system } = process.cpuUsage();
      const cpu: ServerCpu = { type: 'cpu', micros: user + system };
      process.send?.(cpu);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/**
 * botbuilder's turn and nothing of this bot: the same adapter (authentication, turn context,
 * expectReplies), an ActivityHandler that reads the conversation's and the user's state as the bot
 * does, sends one fixed reply and saves the state. What any bot built on botbuilder pays per message.
 */
class FloorBot extends ActivityHandler {
  private readonly dialogState;
  private readonly language;

  constructor(private readonly app: BotApp) {
    super();
    this.dialogState = app.conversationState.createProperty<object>('benchFloorDialogState');
    this.language = app.userState.createProperty<string | undefined>('benchFloorLanguage');
    this.onMessage(async (context, next) => {
      await this.dialogState.get(context, {});
      await this.language.get(context);
      await context.sendActivity('(fixed reply: botbuilder with state, none of the bot)');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.app.conversationState.saveChanges(context);
    await this.app.userState.saveChanges(context);
  }
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: (error as Error).message });
  process.stderr.write(`bench serverProcess: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
