/**
 * A stored document: JSON with the eTag the store gave it. The shape of botbuilder's `StoreItem`,
 * named here so code outside the bot's edge (the learning loop's event log) can use any store
 * without importing botbuilder.
 */
export interface StoredDocument {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * Documents by key with optimistic concurrency, as botbuilder's `Storage` has them (every store of
 * the bot fits): a write whose eTag is not the stored one fails with a conflict.
 */
export interface DocumentStore {
  read(keys: string[]): Promise<Record<string, StoredDocument>>;
  write(changes: Record<string, StoredDocument>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
