import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { SharedConversations } from '../channels/directLine/register.js';
import { RedisConversationStore, sharedSigningKey } from '../channels/directLine/redisConversationStore.js';
import type { AgentDesk } from '../handoff/desk.js';
import { DeskChangeRelay } from '../handoff/deskRelay.js';
import { sharedRateLimits } from '../http/redisRateLimit.js';
import type { RateLimitMaker } from '../http/rateLimit.js';
import { connectSharedRedis } from './redisClients.js';

/** How long the shared token key waits for the first connection before it is asked for anyway (and asked again until Redis answers). */
const FIRST_CONNECT_WAIT_MS = 3000;

/** What replicas share besides the bot's state (STORAGE=redis): Direct Line conversations, rate limits, the desk's events. */
export interface Replicas {
  conversations: SharedConversations;
  rateLimits: RateLimitMaker;
  /** Passes the desk's changes between replicas. */
  relayDesk(desk: AgentDesk): Promise<void>;
  /** Whether both shared connections are up (for /readyz); rejects saying which is not. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** Connects what the replicas share to REDIS_URL, under REDIS_KEY_PREFIX. */
export function shareAcrossReplicas(config: Pick<Config, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>, log: Logger): Replicas {
  const redis = connectSharedRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX, log);
  const stores: RedisConversationStore[] = [];
  return {
    conversations: {
      makeStore: (settings) => {
        const store = new RedisConversationStore({ ...settings, redis: redis.commands, subscriber: redis.subscriber, keyPrefix: redis.keyPrefix, log });
        stores.push(store);
        return store;
      },
      signingKey: async () => {
        // Commands are not queued: the first ask waits for the connection (bounded by its connect timeout).
        if (redis.commands.status !== 'ready') await Promise.race([once(redis.commands, 'ready'), sleep(FIRST_CONNECT_WAIT_MS)]);
        return sharedSigningKey(redis.commands, redis.keyPrefix);
      },
    },
    rateLimits: sharedRateLimits(redis.commands, redis.keyPrefix, log),
    relayDesk: (desk) => new DeskChangeRelay(desk, redis.commands, redis.subscriber, `${redis.keyPrefix}desk:changes`, log).start(),
    check: async () => {
      if (redis.commands.status !== 'ready' || redis.subscriber.status !== 'ready') throw new Error('check(): the shared Redis connections are not up');
    },
    close: async () => {
      for (const store of stores) store.close();
      await redis.close();
    },
  };
}
