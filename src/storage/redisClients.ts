import Redis from 'ioredis';
import type { Logger } from '../log.js';

/** Longest pause between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** Longest a command waits for its answer, or a connection for its handshake. */
const COMMAND_TIMEOUT_MS = 2000;

/** The connections the replicas share state over, besides the bot's state store: commands, and one in subscriber mode. */
export interface SharedRedis {
  commands: Redis;
  subscriber: Redis;
  /** Every key and channel starts with it (REDIS_KEY_PREFIX). */
  keyPrefix: string;
  close(): Promise<void>;
}

/**
 * Connects to `url` for what the replicas share (Direct Line, desk events, rate limits). Commands
 * are never queued while Redis is away: they fail at once and the caller answers 503 (or counts
 * in-process), and both connections keep reconnecting; the subscriber subscribes again by itself.
 */
export function connectSharedRedis(url: string, keyPrefix: string, log: Logger): SharedRedis {
  const retryStrategy = (attempt: number) => Math.min(100 * 2 ** (attempt - 1), MAX_RECONNECT_DELAY_MS);
  const commands = new Redis(url, {
    retryStrategy,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: COMMAND_TIMEOUT_MS,
  });
  const subscriber = new Redis(url, { retryStrategy, connectTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: null });
  let down = false;
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    log('warn', `shared Redis: connection problem, reconnecting: ${error.message}`);
  };
  const onReady = () => {
    if (down) log('info', 'shared Redis: connected again');
    down = false;
  };
  for (const client of [commands, subscriber]) {
    client.on('error', onError);
    client.on('ready', onReady);
  }
  return {
    commands,
    subscriber,
    keyPrefix,
    close: async () => {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
