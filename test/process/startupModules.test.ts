import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The bot imports botbuilder-dialogs' module files rather than its index, which would also load every
 * prompt and Microsoft's text recognizers (5.5 MB of JavaScript, about a sixth of start-up) that the
 * bot never uses, and it loads the Redis client only for STORAGE=redis. A value import from
 * 'botbuilder-dialogs' anywhere in the app brings the recognizers back, so this builds the app in a
 * fresh Node process (the compiled code, as `npm start` runs it) and lists what it loaded.
 */
function modulesLoadedByApp(): string[] {
  const root = join(__dirname, '..', '..');
  const script = `
    const { buildBotApp, buildServer } = require('./dist/src/app.js');
    const { loadConfig } = require('./dist/src/config.js');
    const config = loadConfig({ STORAGE: 'memory' });
    const { makeStorage } = require('./dist/src/storage/index.js');
    const app = buildBotApp(config, { storage: makeStorage(config, () => undefined).storage, log: () => undefined });
    buildServer(config, app, () => undefined);
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[];
}

describe('modules the app loads at start-up', () => {
  const loaded = modulesLoadedByApp();

  it('loads the dialogs it runs', () => {
    expect(loaded.some((file) => /botbuilder-dialogs[\\/]lib[\\/]componentDialog\.js$/.test(file))).toBe(true);
  });

  it('does not load the Redis client when the state is not in Redis', () => {
    expect(loaded.filter((file) => /[\\/]ioredis[\\/]/.test(file))).toEqual([]);
  });

  it("does not load botbuilder-dialogs' index, its prompts or the text recognizers", () => {
    const unwanted = loaded.filter((file) => /botbuilder-dialogs[\\/]lib[\\/](index\.js$|prompts[\\/])|@microsoft[\\/]recognizers-text/.test(file));
    expect(unwanted).toEqual([]);
  });
});
