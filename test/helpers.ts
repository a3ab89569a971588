import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, type Storage } from 'botbuilder';
import { buildBotApp, buildCore, type BotApp, type Core } from '../src/app';
import { loadConfig, recognizerThresholds, type Config } from '../src/config';

let core: Core | undefined;

/** The configuration with its defaults, plus overrides given as environment strings. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}

/** The real knowledge base, recognizer and strings, built once per test file. */
export function sharedCore(): Core {
  core ??= buildCore(testConfig());
  return core;
}

/** A bot app on fresh memory storage, sharing the core (with the thresholds of `env`). Logged errors are collected. */
export function testBotApp(env: Record<string, string> = {}): BotApp & { errors: string[] } {
  const errors: string[] = [];
  const config = testConfig(env);
  const shared = sharedCore();
  const core = {
    ...shared,
    // The shared index and classifiers with this app's thresholds: training them again for every app is most of a script's time.
    recognizer: shared.recognizer.withThresholds(recognizerThresholds(config)),
  };
  const app = buildBotApp(config, {
    storage: new MemoryStorage(),
    log: (level, message) => {
      if (level === 'error') errors.push(message);
    },
    core,
  });
  return { ...app, errors };
}

/** The source pages the knowledge base was written from, as copied into knowledge/sources. */
export function seedsDir(): string {
  const dir = join(__dirname, '..', 'knowledge', 'sources');
  if (!existsSync(dir)) throw new Error(`seedsDir(): ${dir} is missing`);
  return dir;
}

export { freePort } from '../tools/freePort';

/**
 * One turn that counts the messages of its conversation in ConversationState on `storage` (a new
 * store each call, as after a restart), and returns the bot's reply.
 */
export async function countingTurn(storage: Storage, text: string): Promise<string | undefined> {
  const conversationState = new ConversationState(storage);
  const count = conversationState.createProperty<number>('messageCount');
  const adapter = new TestAdapter(async (context) => {
    const n = (await count.get(context, 0)) + 1;
    await count.set(context, n);
    await context.sendActivity(`message ${n}: ${context.activity.text}`);
    await conversationState.saveChanges(context);
  });
  await adapter.receiveActivity(text);
  return adapter.activeQueue.splice(0).map((activity) => activity.text)[0];
}
