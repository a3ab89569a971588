import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { AgentDesk, DeskChange } from './desk.js';

const Relayed = z.object({
  origin: z.string(),
  change: z.object({ kind: z.enum(['queued', 'claimed', 'message', 'ended', 'left']), caseId: z.string() }),
});

/**
 * Tells every replica's agents of the desk's changes at once: each change made here is published
 * on a Redis channel, and each change published by another replica is emitted on this desk, whose
 * event stream (`GET /agent/api/events`) passes it to the agents connected here.
 */
export class DeskChangeRelay {
  /** Tells this process's own messages apart when they come back. */
  private readonly origin = randomUUID();
  /** Changes that came from another replica: emitted here, never published again. */
  private readonly relayed = new WeakSet<DeskChange>();

  constructor(
    private readonly desk: AgentDesk,
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly log: Logger,
  ) {}

  /** Subscribes to the channel and starts publishing this desk's changes. */
  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.desk.on('change', (change) => {
      if (this.relayed.has(change)) return;
      // Agents here have it already; elsewhere the desk page's own refresh catches up if Redis is away.
      this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, change })).catch((error: Error) => this.log('warn', `agent desk: could not tell the other replicas: ${error.message}`));
    });
    await this.subscriber.subscribe(this.channel);
  }

  private receive(message: string): void {
    let parsed: z.infer<typeof Relayed>;
    try {
      parsed = Relayed.parse(JSON.parse(message));
    } catch {
      this.log('warn', 'agent desk: ignored a malformed change from another replica');
      return;
    }
    if (parsed.origin === this.origin) return;
    const change: DeskChange = { kind: parsed.change.kind, caseId: parsed.change.caseId };
    this.relayed.add(change);
    this.desk.emit('change', change);
  }
}
