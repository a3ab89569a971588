import type { AddressInfo } from 'node:net';
import { buildBotApp, buildServer } from '../app.js';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { makeStorage } from '../storage/index.js';
import { BARE_ROUTE, type ServerReady } from './botProtocol.js';

/**
 * The bot server of `bench bot`, run as a child process so that the load generator does not share
 * its CPU time: the real app and server (STORAGE=memory) on loopback at a free port, plus one bare
 * route, registered here only, as the ceiling. Tells the parent its port over IPC; exits when the parent goes.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, STORAGE: 'memory', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
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
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const ready: ServerReady = { type: 'ready', port };
    process.send?.(ready);
  });
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as { type?: string }).type === 'errors') {
      process.send?.({ type: 'errors', errors });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: (error as Error).message });
  process.stderr.write(`bench serverProcess: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
