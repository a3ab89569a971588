import type { Storage } from 'botbuilder';
import { isETagConflict } from '../../src/storage/guardedStorage';
import { ETagTrackingStorage, withTurnETags } from '../../src/storage/turnETags';

/** How the two racing first turns ended. */
export interface FirstSavesOutcome {
  /** Turns (1 and 2) whose save was accepted. */
  saved: number[];
  /** Turns whose save was refused with an eTag conflict (they would run again). */
  conflicted: number[];
  /** What the store holds under the key afterwards. */
  stored: unknown;
}

/**
 * Two turns of one new conversation, each through its own store instance (as two bot processes
 * would be), both read `key` while it is absent and then both save it the way botbuilder's
 * `BotState.saveChanges` does (eTag `'*'`). A store that keeps both turns must accept one save and
 * refuse the other with an eTag conflict, so that turn runs again on the winner's state.
 */
export async function raceFirstSaves(stores: [Storage, Storage], key: string): Promise<FirstSavesOutcome> {
  let arrived = 0;
  let release!: () => void;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  const turn = (n: 1 | 2) =>
    withTurnETags(async () => {
      const tracked = new ETagTrackingStorage(stores[n - 1]);
      // A read that fails still counts as arrived, so the other turn ends and the failure is reported rather than waited on.
      const read = tracked.read([key]).finally(() => {
        if (++arrived === 2) release();
      });
      await read;
      // Neither turn saves before both have read: the interleaving that loses a turn.
      await bothRead;
      await tracked.write({ [key]: { turn: n, eTag: '*' } });
    });
  const results = await Promise.allSettled([turn(1), turn(2)]);
  const saved: number[] = [];
  const conflicted: number[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') saved.push(index + 1);
    else if (isETagConflict(result.reason)) conflicted.push(index + 1);
    else throw result.reason;
  });
  const stored = (await stores[0].read([key]))[key];
  return { saved, conflicted, stored };
}
