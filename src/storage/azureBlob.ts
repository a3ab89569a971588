import type { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { BlobsStorage } from 'botbuilder-azure-blobs';
import { z } from 'zod';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey.js';
import { CREATE_ONLY_ETAG } from './createOnly.js';

const required = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'is required');

/** Options of {@link makeAzureBlobStorage}. */
export const AzureBlobStorageOptions = z.object({
  /** Storage account connection string, e.g. `DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…`. */
  connectionString: required,
  /** Container holding one blob per key; created on first use. Azure's naming rules are checked here so a typo fails at start-up. */
  container: required.regex(
    /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
  ),
});
export type AzureBlobStorageOptions = z.infer<typeof AzureBlobStorageOptions>;

/**
 * Bot state in an Azure Blob Storage container, through botbuilder-azure-blobs' `BlobsStorage`
 * (eTags are the blobs' ETags; a stale write rejects with "eTag conflict"). The container is created on the first operation.
 * Create-only items ({@link CREATE_ONLY_ETAG}) are uploaded with `If-None-Match: *`, which
 * `BlobsStorage` cannot send, so a blob another instance created meanwhile is a conflict.
 *
 * @throws Error naming `makeAzureBlobStorage()` and each invalid option; values are never echoed,
 * since the connection string holds the account key.
 */
export function makeAzureBlobStorage(options: AzureBlobStorageOptions): Storage {
  const parsed = AzureBlobStorageOptions.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
    throw new Error(`makeAzureBlobStorage(): invalid options: ${problems.join('; ')}`);
  }
  // Required here, not at the top: the Azure SDK is slow to load, which only STORAGE=azure-blob
  // should pay at start-up.
  const { BlobsStorage: Blobs } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
  const { ContainerClient: Container } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  const { connectionString, container } = parsed.data;
  try {
    return new CreateOnlyBlobsStorage(new Blobs(connectionString, container), new Container(connectionString, container));
  } catch (error) {
    // The Azure SDK's messages ("Invalid URL", "Invalid BlobEndpoint …") do not contain the key.
    throw new Error(`makeAzureBlobStorage(): invalid connectionString: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** `BlobsStorage`, with create-only items uploaded on a container client of its own. */
class CreateOnlyBlobsStorage implements Storage {
  private containerReady: Promise<unknown> | undefined;

  constructor(
    private readonly blobs: BlobsStorage,
    private readonly container: ContainerClient,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.blobs.read(keys);
  }

  delete(keys: string[]): Promise<void> {
    return this.blobs.delete(keys);
  }

  /** Creates the create-only items first, so a conflict among them writes nothing else. */
  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes ?? {}) as [string, StoreItem][];
    const createOnly = entries.filter(([, item]) => item?.eTag === CREATE_ONLY_ETAG);
    const rest = entries.filter(([, item]) => item?.eTag !== CREATE_ONLY_ETAG);
    for (const [key, item] of createOnly) await this.create(key, item);
    if (rest.length > 0 || entries.length === 0) await this.blobs.write(Object.fromEntries(rest));
  }

  private async create(key: string, item: StoreItem): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.containerReady = undefined;
      throw error;
    });
    await this.containerReady;
    const { eTag: _createOnly, ...content } = item;
    const serialized = JSON.stringify(content);
    try {
      // The blob name as BlobsStorage derives it, so its reads find what is created here.
      await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(serialized, Buffer.byteLength(serialized), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) {
        throw new Error(`AzureBlobStorage.write(): eTag conflict on key ${JSON.stringify(key)}: another writer created it`, { cause: error });
      }
      throw error;
    }
  }
}
