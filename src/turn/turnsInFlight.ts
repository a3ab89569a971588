import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Counts the bot's turns while they run (adapter middleware), so shutdown can wait for the last
 * one: a Direct Line turn runs after its HTTP request has been answered, so closing the server
 * does not wait for it.
 */
export class TurnsInFlight implements Middleware {
  private running = 0;
  private waiting: (() => void)[] = [];

  /** Turns running now. */
  get count(): number {
    return this.running;
  }

  async onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.running += 1;
    try {
      await next();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  /** Resolves once no turn is running (at once when none is). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
