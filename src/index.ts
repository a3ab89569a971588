import 'dotenv/config';
import { MemoryStorage } from 'botbuilder';
import { buildBotApp, buildServer } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { makeLogger } from './log.js';

/** Wiring only: config -> storage -> bot app -> server. */
function main(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = makeLogger(config.LOG_LEVEL);
  const app = buildBotApp(config, { storage: new MemoryStorage(), log });
  const server = buildServer(config, app, log);

  server.listen(config.PORT, config.HOST, () => {
    log('info', `ICP Filing Assistant listening on http://${config.HOST}:${config.PORT} (POST /api/messages, GET /healthz)`);
    if (!config.MicrosoftAppId) {
      log('warn', 'MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (fine for local use, not for production)');
    }
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
