import type { BlobsStorage } from 'botbuilder-azure-blobs';
import { z } from 'zod';

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
 *
 * @throws Error naming `makeAzureBlobStorage()` and each invalid option; values are never echoed,
 * since the connection string holds the account key.
 */
export function makeAzureBlobStorage(options: AzureBlobStorageOptions): BlobsStorage {
  const parsed = AzureBlobStorageOptions.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
    throw new Error(`makeAzureBlobStorage(): invalid options: ${problems.join('; ')}`);
  }
  // Required here, not at the top: the Azure SDK takes a tenth of a second to load, which only
  // STORAGE=azure-blob should pay at start-up.
  const { BlobsStorage: Blobs } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
  try {
    return new Blobs(parsed.data.connectionString, parsed.data.container);
  } catch (error) {
    // The Azure SDK's messages ("Invalid URL", "Invalid BlobEndpoint …") do not contain the key.
    throw new Error(`makeAzureBlobStorage(): invalid connectionString: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
