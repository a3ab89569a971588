import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import type { Subscription } from 'rxjs/Subscription';

// Microsoft's own Direct Line client, in Node: it needs a browser's XMLHttpRequest and WebSocket
// (it looks them up when a client is created and when it sends a request).
const globals = globalThis as Record<string, unknown>;
globals.XMLHttpRequest = require('xhr2');
globals.WebSocket = require('ws');

/** A directlinejs client and every activity it has received. */
export class Client {
  readonly received: Received[] = [];
  readonly connection: DirectLine;
  private readonly subscription: Subscription;
  /** Why the activity stream ended, if it failed (a poll answered 502 by a proxy whose replica just died): the client gives up then. */
  failure?: Error;
  private waiters: (() => void)[] = [];

  constructor(options: DirectLineOptions) {
    this.connection = new DirectLine({ pollingInterval: 200, timeout: 10_000, ...options });
    // With no error handler, rxjs throws the stream's error where nothing can catch it and the whole test fails; a caller
    // that expects failures (a replica killed mid-test) connects again, and any other sees it in waitFor's message.
    this.subscription = this.connection.activity$.subscribe(
      (activity) => {
        this.received.push(activity as unknown as Received);
        this.waiters.splice(0).forEach((wake) => wake());
      },
      (error: Error) => {
        this.failure = error;
        this.waiters.splice(0).forEach((wake) => wake());
      },
    );
  }

  /** Resolves with the first received activity that `predicate` accepts (or fails after `ms`). */
  async waitFor(predicate: (activity: Received) => boolean, what: string, ms = 10_000): Promise<Received> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const failed = this.failure ? `; its activity stream failed: ${this.failure.message}` : '';
        throw new Error(`directlinejs client: no ${what} after ${ms} ms; received ${JSON.stringify(this.received.map(textOf))}${failed}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  post(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      this.connection.postActivity({ from: { id: 'u1' }, type: 'message', text, ...extra } as Activity).subscribe(resolve, reject);
    });
  }

  end(): void {
    this.subscription.unsubscribe();
    this.connection.end();
  }
}

/** What the tests read of a received activity (directlinejs types each activity type apart). */
export interface Received {
  type: string;
  id?: string;
  text?: string;
  replyToId?: string;
  channelId?: string;
  from: { id: string; role?: string };
  recipient?: { id: string };
}

export function textOf(activity: Received): string {
  return activity.type === 'message' ? (activity.text ?? '') : `(${activity.type})`;
}

