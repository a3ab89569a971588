import type { Storage, StoreItems } from 'botbuilder';

/** The store could not be reached or failed; the turn cannot be trusted to load or save. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(
    operation: string,
    override readonly cause: unknown,
  ) {
    super(`storage ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Whether an error is an optimistic-concurrency conflict (the item changed since it was read). */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}

/**
 * Wraps a store so the bot can tell "the store is down" from other errors: anything the store
 * throws becomes a {@link StorageUnavailableError}, except eTag conflicts and the errors listed in
 * `passThrough` (for example corrupt state), which the bot handles differently.
 */
export class GuardedStorage implements Storage {
  constructor(
    readonly inner: Storage,
    private readonly passThrough: (error: unknown) => boolean = () => false,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.guard('read', () => this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.guard('write', () => this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.guard('delete', () => this.inner.delete(keys));
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isETagConflict(error) || this.passThrough(error) || error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError(operation, error);
    }
  }
}
