import type { Activity } from 'botbuilder';
import type { Activity as DirectLineActivity, DirectLine } from 'botframework-directlinejs';

type DirectLineModule = typeof import('botframework-directlinejs');
type Subscription = ReturnType<DirectLine['activity$']['subscribe']>;

/** The user id the runner posts as (a self-hosted endpoint may replace it with its token's user). */
export const RUNNER_USER_ID = 'convo-runner';
/** How often the client polls for activities; polling works everywhere WebSockets may not. */
const POLLING_INTERVAL_MS = 250;

/** Where and how to reach a bot over Direct Line. */
export interface DirectLineSessionOptions {
  /** The Direct Line base URL, e.g. http://localhost:3978/v3/directline or https://directline.botframework.com/v3/directline. */
  url: string;
  secret?: string;
  /** Longest wait for one request or one expected message. */
  timeoutMs: number;
}

/**
 * One Direct Line conversation through Microsoft's botframework-directlinejs client (polling).
 * Bot messages are grouped into turns by the user message their `replyToId` names, as botbuilder
 * sets it on every reply; a message that replies to nothing the runner sent belongs to turn 0, the
 * conversation's start. That is where the welcome goes: botbuilder leaves `replyToId` off replies
 * to a Direct Line conversation update, and the welcome may arrive after the first user message.
 */
export class DirectLineSession {
  private readonly client: DirectLine;
  private readonly subscriptions: Subscription[] = [];
  private readonly received: Partial<Activity>[] = [];
  /** Ids the service gave the runner's messages, in order. */
  private readonly posted: string[] = [];
  private failure: Error | undefined;
  private online = false;
  private wakers: (() => void)[] = [];

  constructor(private readonly options: DirectLineSessionOptions) {
    const { DirectLine, ConnectionStatus } = loadDirectLine();
    this.client = new DirectLine({ domain: options.url.replace(/\/+$/, ''), secret: options.secret, webSocket: false, pollingInterval: POLLING_INTERVAL_MS, timeout: options.timeoutMs });
    this.subscriptions.push(
      this.client.activity$.subscribe(
        (activity) => {
          this.received.push(activity as unknown as Partial<Activity>);
          this.wake();
        },
        (error: unknown) => this.fail(new Error(`Direct Line at ${options.url}: ${(error as Error).message ?? String(error)}`)),
      ),
      this.client.connectionStatus$.subscribe((status) => {
        if (status === ConnectionStatus.Online) this.online = true;
        if (status === ConnectionStatus.FailedToConnect) this.fail(new Error(`Direct Line at ${options.url}: failed to connect (is the URL right, and the secret?)`));
        if (status === ConnectionStatus.ExpiredToken) this.fail(new Error(`Direct Line at ${options.url}: the token expired`));
      }),
    );
  }

  /** Whether the client has ever reached the service. */
  get connected(): boolean {
    return this.online;
  }

  /** Number of messages sent so far: the current turn. */
  get turn(): number {
    return this.posted.length;
  }

  /** Posts a user message; resolves with the id the service gave it, rejects when it gives none within the timeout. */
  post(activity: Partial<Activity>): Promise<string> {
    const { url, timeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      const message = { ...activity, type: 'message', from: { id: RUNNER_USER_ID, name: 'convo runner', role: 'user' } } as unknown as DirectLineActivity;
      // The client holds a message until it is connected, and may never be.
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error(`Direct Line at ${url}: ${this.online ? 'posting a message got no answer' : 'not connected'} after ${timeoutMs} ms (is the bot running, the URL right, the secret needed?)`));
      }, timeoutMs);
      const subscription = this.client.postActivity(message).subscribe(
        (id: string) => {
          clearTimeout(timer);
          if (id === 'retry') {
            reject(new Error(`Direct Line at ${url}: the message could not be posted`));
            return;
          }
          this.posted.push(id);
          resolve(id);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new Error(`Direct Line at ${url}: posting failed: ${(error as Error).message ?? String(error)}`));
        },
      );
    });
  }

  /** The bot messages of a turn (0: before the first message), in the order they arrived. */
  messages(turn: number): Partial<Activity>[] {
    return this.received.filter((activity) => this.isBotMessage(activity) && this.turnOf(activity) === turn);
  }

  /** Resolves with what `probe` finds, polling as activities arrive, or undefined after `ms`; rejects when the connection failed. */
  async waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.failure) throw this.failure;
      const found = probe();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops polling and ends the conversation. */
  end(): void {
    this.subscriptions.splice(0).forEach((s) => s.unsubscribe());
    this.client.end();
    this.wake();
  }

  private isBotMessage(activity: Partial<Activity>): boolean {
    if (activity.type !== 'message' || activity.from?.role === 'user' || activity.from?.id === RUNNER_USER_ID) return false;
    return !(activity.id !== undefined && this.posted.includes(activity.id));
  }

  private turnOf(activity: Partial<Activity>): number {
    return activity.replyToId ? this.posted.indexOf(activity.replyToId) + 1 : 0;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private wake(): void {
    this.wakers.splice(0).forEach((wake) => wake());
  }
}

/**
 * Loads the Direct Line client only when a live run needs it, with the browser globals it looks up
 * in Node (XMLHttpRequest from xhr2, WebSocket from ws).
 */
function loadDirectLine(): DirectLineModule {
  const globals = globalThis as Record<string, unknown>;
  try {
    globals.XMLHttpRequest ??= require('xhr2');
    globals.WebSocket ??= require('ws');
    return require('botframework-directlinejs') as DirectLineModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new Error(`DirectLineSession: live runs need botframework-directlinejs, xhr2 and ws (npm install): ${(error as Error).message.split('\n')[0]}`);
    }
    throw error;
  }
}
