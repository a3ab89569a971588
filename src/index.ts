import 'dotenv/config';
import { buildBotApp, buildServer } from './app.js';
import { ConfigError, loadConfig, withLocalDesk, type Config, type GeneratedAgent } from './config.js';
import { trackForGracefulClose } from './http/gracefulClose.js';
import { makeLogger } from './log.js';
import { makeStorage } from './storage/index.js';

/** Wiring only: config -> storage -> bot app -> server, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  let localAgent: GeneratedAgent | undefined;
  try {
    ({ config, agent: localAgent } = withLocalDesk(loadConfig()));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = makeLogger(config.LOG_LEVEL);
  const store = makeStorage(config, log);
  await store.ready();
  // With the state in Redis, replicas share the rest there too, so any replica serves any request.
  // Required here, not at the top: only STORAGE=redis loads the Redis client.
  const replicas =
    config.STORAGE === 'redis' ? (require('./storage/replicas.js') as typeof import('./storage/replicas.js')).shareAcrossReplicas(config, log) : undefined;
  const app = buildBotApp(config, { storage: store.storage, log, repairCorruptState: store.repairCorruptState, rateLimits: replicas?.rateLimits });
  if (replicas && app.desk) {
    replicas.relayDesk(app.desk).catch((error: Error) => log('warn', `agent desk: not relaying changes between replicas yet: ${error.message}`));
  }
  let stopping = false;
  // A stopping instance is no longer ready either, so a load balancer sends its traffic elsewhere.
  const ready = async () => {
    if (stopping) throw new Error('stopping');
    await store.check();
    await replicas?.check();
  };
  const server = buildServer(config, app, log, ready, replicas);

  server.listen(config.PORT, config.HOST, () => {
    log('info', `ICP Filing Assistant listening on http://${config.HOST}:${config.PORT} (POST /api/messages, GET /healthz, GET /readyz); state: ${store.description}`);
    log('info', `chat page on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/ (Web Chat over the self-hosted Direct Line endpoint /v3/directline)`);
    if (!config.MicrosoftAppId) {
      log('warn', 'MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (fine for local use, not for production)');
    }
    if (localAgent) {
      // Said once, at start-up: the password exists only in this process and this line.
      log(
        'warn',
        `HANDOFF and AGENT_ACCOUNTS are not set: the agent desk is on http://localhost:${config.PORT}/agent for this run; sign in as "${localAgent.name}" with the password ${localAgent.password} (made up at start-up, gone when the process stops; set AGENT_ACCOUNTS or HANDOFF to choose, and NODE_ENV=production never does this)`,
      );
    }
    if (!config.DIRECTLINE_SECRET) {
      log('warn', 'DIRECTLINE_SECRET is not set: anyone who reaches this server can open Direct Line conversations (fine for local use)');
    }
  });

  // Stop taking requests, answer those in flight (closing their connections), let the turns still
  // running finish (each saves its state before it answers), write what the event log holds, then
  // close the store. A second signal, or the timeout, ends the process at once.
  const http = trackForGracefulClose(server.server);
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log('info', `${signal}: finishing turns in flight and the requests carrying them, then stopping`);
    const timer = setTimeout(() => {
      log('error', `requests or turns still running after ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    http
      .close()
      .then(() => app.turns.idle())
      .then(() => app.learning?.eventLog.close())
      .then(() => replicas?.close())
      .then(() => store.close())
      .catch((error: unknown) => log('warn', `stopping: ${(error as Error).message}`))
      .finally(() => {
        log('info', 'stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`icp-bot: could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
