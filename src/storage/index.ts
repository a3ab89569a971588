import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { MemoryStorage, type Storage } from 'botbuilder';
import { resolveFromRoot } from '../util/projectRoot.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { makeAzureBlobStorage } from './azureBlob.js';
import { CorruptStateError, FileStorage } from './fileStorage.js';
import { GuardedStorage } from './guardedStorage.js';

export { GuardedStorage, StorageUnavailableError, isETagConflict } from './guardedStorage.js';

/** The configured store, wrapped for the bot, with how to repair corrupt state and how to close it. */
export interface BotStorage {
  storage: Storage;
  /** Moves corrupt state aside; true when the error was a corrupt-state report and the state is gone. */
  repairCorruptState: (error: unknown) => Promise<boolean>;
  /** Closes connections (Redis) once the last turn has been saved. */
  close: () => Promise<void>;
  /** A line for the start-up log. */
  description: string;
  /** Fails early, before the server listens, when the store cannot be used at all (a folder not writable). */
  ready: () => Promise<void>;
  /** Whether the store can be used now (for /readyz); rejects saying why not. */
  check: () => Promise<void>;
}

/** A key no one writes: reading it asks the store to answer without touching any state. */
const PROBE_KEY = 'icp-readiness-probe';

/** Builds the store that STORAGE selects. */
export function makeStorage(config: Config, log: Logger): BotStorage {
  const isCorrupt = (error: unknown) => error instanceof CorruptStateError;
  const noRepair = async () => false;
  switch (config.STORAGE) {
    case 'file': {
      const store = new FileStorage({ directory: resolveFromRoot(config.STORAGE_DIR) });
      return {
        storage: new GuardedStorage(store, isCorrupt),
        repairCorruptState: async (error) => {
          if (!(error instanceof CorruptStateError)) return false;
          const movedTo = await store.quarantine(error.key);
          log('warn', `corrupt state of ${error.key} moved aside${movedTo ? ` to ${movedTo}` : ''}; the conversation starts over`);
          return true;
        },
        close: async () => undefined,
        description: `file store in ${store.directory}`,
        ready: () => store.initialize(),
        check: () => access(store.directory, constants.W_OK),
      };
    }
    case 'redis': {
      // Required here, not at the top: the Redis client takes a few tens of milliseconds to load,
      // which only STORAGE=redis should pay at start-up.
      const { RedisStorage } = require('./redisStorage.js') as typeof import('./redisStorage.js');
      const redis = new RedisStorage({
        url: config.REDIS_URL,
        keyPrefix: config.REDIS_KEY_PREFIX,
        ttlSeconds: config.STATE_TTL_SECONDS,
        log: (level, message) => log(level, message),
      });
      // Redis may come up after the bot: turns apologise until it does, so start-up does not wait.
      return {
        storage: new GuardedStorage(redis, isCorrupt),
        repairCorruptState: async (error) => {
          if (!(error instanceof CorruptStateError)) return false;
          await redis.delete([error.key]);
          log('warn', `corrupt state of ${error.key} deleted from Redis; the conversation starts over`);
          return true;
        },
        close: () => redis.close(),
        description: `Redis at ${redactUrl(config.REDIS_URL)}`,
        ready: async () => undefined,
        // Not connected is not ready at once; connected, Redis must still answer.
        check: async () => {
          if (!redis.isReady || !(await redis.ping())) throw new Error('check(): Redis does not answer');
        },
      };
    }
    case 'azure-blob': {
      const store = makeAzureBlobStorage({ connectionString: config.AZURE_STORAGE_CONNECTION_STRING, container: config.AZURE_STORAGE_CONTAINER });
      return {
        storage: new GuardedStorage(store),
        repairCorruptState: noRepair,
        close: async () => undefined,
        description: `Azure Blob container ${config.AZURE_STORAGE_CONTAINER}`,
        ready: async () => undefined,
        check: async () => {
          await store.read([PROBE_KEY]);
        },
      };
    }
    case 'memory':
      return {
        storage: new MemoryStorage(),
        repairCorruptState: noRepair,
        close: async () => undefined,
        description: 'memory (state is lost on restart)',
        ready: async () => undefined,
        check: async () => undefined,
      };
  }
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
