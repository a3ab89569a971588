import { AsyncLocalStorage } from 'node:async_hooks';

/** What follows a request, and the bot turn it runs, through every await. */
export interface AsyncScope {
  /** The id of the HTTP request being handled, which the logger adds to every line. */
  requestId?: string;
  /** The eTag each storage key had when one attempt of a turn read it. */
  turnETags?: Map<string, string>;
}

/**
 * One AsyncLocalStorage for every concern that follows the async flow. On Node 20 each instance in
 * use is propagated to every promise the process creates, in every turn, so one per concern would
 * make every await dearer.
 */
const scope = new AsyncLocalStorage<AsyncScope>();

/** Runs `work` with `changes` over the current scope: what they do not name carries on as it was. */
export function withinScope<T>(changes: AsyncScope, work: () => T): T {
  return scope.run({ ...scope.getStore(), ...changes }, work);
}

/** The scope of the code running now, if any. */
export function currentScope(): AsyncScope | undefined {
  return scope.getStore();
}
