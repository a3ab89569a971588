import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The layers that know nothing of the Bot Framework. */
const CORE_LAYERS = ['src/nlu/', 'src/rules/', 'src/knowledge/', 'src/learning/'];
const BOT_FRAMEWORK = /^(botbuilder|botframework-)/;

/** Every .ts file under `dir`, as a path from the project root. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The modules a file imports: `import … from`, `export … from`, `import('…')` and `require('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const statements = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]);
  const calls = [...text.matchAll(/\b(?:import|require)\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]);
  return [...statements, ...calls];
}

// Tooling (tools/) drives the bot from outside and is not part of it.
const runtime = [...sources('src'), ...sources('dialogs')].sort();
const importingBotFramework = runtime.filter((file) => importsOf(file).some((module) => BOT_FRAMEWORK.test(module)));

describe('botbuilder at the edge', () => {
  it('is imported by these modules only', () => {
    expect(importingBotFramework).toEqual([
      'dialogs/botbuilderDialogs.ts',
      'dialogs/eligibilityDialog.ts',
      'dialogs/handoffDialog.ts',
      'dialogs/rootDialog.ts',
      'src/app.ts',
      'src/bot.ts',
      'src/channels/adapter.ts',
      'src/channels/directLine/botDelivery.ts',
      'src/channels/directLine/connectorFactory.ts',
      'src/channels/directLine/register.ts',
      'src/channels/reusedClients.ts',
      'src/channels/teams.ts',
      'src/check/replies.ts',
      'src/handoff/agentAuth.ts',
      'src/handoff/desk.ts',
      'src/handoff/events.ts',
      'src/handoff/handoff.ts',
      'src/handoff/offerTriggers.ts',
      'src/handoff/proactive.ts',
      'src/handoff/transcript.ts',
      'src/handoff/types.ts',
      'src/replies.ts',
      'src/server.ts',
      'src/storage/azureBlob.ts',
      'src/storage/fileStorage.ts',
      'src/storage/guardedStorage.ts',
      'src/storage/index.ts',
      'src/storage/redisStorage.ts',
      'src/storage/turnETags.ts',
      'src/turn/deskNotifier.ts',
      'src/turn/inputPolicy.ts',
      'src/turn/language.ts',
      'src/turn/learningTurns.ts',
      'src/turn/messageRoute.ts',
      'src/turn/outbox.ts',
      'src/turn/state.ts',
      'src/turn/stateTurn.ts',
      'src/turn/turnRecord.ts',
      'src/turn/turnsInFlight.ts',
    ]);
  });

  it.each(CORE_LAYERS)('is not imported by anything in %s', (folder) => {
    expect(runtime.some((file) => file.startsWith(folder))).toBe(true);
    expect(importingBotFramework.filter((file) => file.startsWith(folder))).toEqual([]);
  });

  it('finds an import written over several lines', () => {
    // src/channels/adapter.ts imports botbuilder in a statement that spans lines: the scan must see it.
    expect(importsOf('src/channels/adapter.ts').filter((module) => module === 'botbuilder')).toHaveLength(1);
  });
});

describe('the knowledge base and the recognizer', () => {
  it('import nothing of each other for the languages and the vocabulary shapes', () => {
    const knowledge = runtime.filter((file) => file.startsWith('src/knowledge/'));
    expect(knowledge.filter((file) => importsOf(file).some((module) => module.includes('/nlu/')))).toEqual([]);
  });
});

describe('config.ts', () => {
  it('imports no feature module', () => {
    expect(importsOf('src/config.ts').filter((module) => module.startsWith('.'))).toEqual(['./settings.js']);
  });
});
