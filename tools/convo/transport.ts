import type { Activity } from 'botbuilder';

/**
 * How the runner talks to a bot: in process through TestAdapter, or over Direct Line. A turn is
 * what happens between two user messages; turn 0 is the conversation's start (the welcome).
 */
export interface BotTransport {
  /** Starts the conversation. */
  open(): Promise<void>;
  /** Sends a user message and starts a new turn: bot messages of earlier turns are no longer read. */
  send(activity: Partial<Activity>): Promise<void>;
  /** The next bot message of the current turn not yet read, or undefined when none comes. */
  next(): Promise<Partial<Activity> | undefined>;
  /** The newest bot message of the current turn that `accept` accepts, or undefined when none comes. */
  find(accept: (message: Partial<Activity>) => boolean): Promise<Partial<Activity> | undefined>;
  /** Ends the conversation. */
  close(): Promise<void>;
  /** How long `next` waits, for reports ("" when it does not wait). */
  readonly waits: string;
}
