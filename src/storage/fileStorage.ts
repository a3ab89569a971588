import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { CREATE_ONLY_ETAG } from './createOnly.js';

const requiredString = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'is required');

/** Options of {@link FileStorage}. */
export const FileStorageOptions = z.object({
  /** Folder holding one file per key; created if missing. */
  directory: requiredString,
});
export type FileStorageOptions = z.infer<typeof FileStorageOptions>;

/** What each file holds: the key itself (file names are hashes) and the item with its current eTag. */
const StoredFile = z.object({
  key: z.string(),
  item: z.looseObject({ eTag: z.string() }),
});
type StoredFile = z.infer<typeof StoredFile>;

/** An item written to its temporary file, waiting to take its target's name. */
interface StagedFile {
  key: string;
  temp: string;
  target: string;
  /** Whether the target must not exist yet ({@link CREATE_ONLY_ETAG}). */
  createOnly: boolean;
}

/** Suffix of a complete item file. */
const ITEM_SUFFIX = '.json';
/** Suffix of a file being written; one left behind means the writer died before its rename. */
const TEMP_SUFFIX = '.tmp';
/** Infix of a file moved aside by {@link FileStorage.quarantine}. */
const CORRUPT_INFIX = '.corrupt-';

/**
 * Thrown by {@link FileStorage.read} (and by a conditional {@link FileStorage.write}) when the file of
 * a requested key cannot be parsed or does not have the expected shape. `key` names the item so the
 * caller can {@link FileStorage.quarantine} it or delete it and start that conversation afresh.
 */
export class CorruptStateError extends Error {
  override name = 'CorruptStateError';

  constructor(
    readonly key: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`FileStorage: stored state of key ${JSON.stringify(key)} is corrupt (${file})`, options);
  }
}

/**
 * A {@link Storage} persisting each item as a JSON file in a local directory: pure JavaScript,
 * no server, survives restarts.
 *
 * - **Files.** One file per key, named by the SHA-256 of the key (keys may hold any character and
 *   be of any length); the key is stored inside the file as well.
 * - **Atomic and durable.** A write goes to a temporary file in the same directory, is fsynced and
 *   renamed over the old file, then the directory is fsynced. A process killed at any moment leaves
 *   the old or the new item, never a torn file. Temporary files left by a crash are never read and
 *   are removed by {@link initialize}.
 * - **eTags** behave as in botbuilder's `MemoryStorage`: an item with no eTag or `'*'` is written
 *   unconditionally, as is an item whose key is not stored; an item with {@link CREATE_ONLY_ETAG} is
 *   written only if its key is not stored; otherwise its eTag must equal the stored one, or `write`
 *   rejects with an error containing "eTag conflict" and the key. Every item of a `write` call is
 *   checked before any is written, so a conflict applies nothing. Each write stores a fresh random eTag.
 * - **Concurrency.** Operations on the same key are serialised within this instance. A create-only
 *   item's file is created exclusively (a hard link, which fails if the file exists), so that holds
 *   between processes too; other writes are not locked between processes: use one instance, in one
 *   process, per directory.
 * - **Corruption.** If the file of a requested key is not valid JSON of the expected shape, `read`
 *   throws {@link CorruptStateError} naming the key instead of returning the batch. Call
 *   {@link quarantine} to move the file aside (or `delete` the key) and the key then reads as absent.
 *
 * `read` returns fresh copies; changing them does not change what is stored.
 */
export class FileStorage implements Storage {
  /** Absolute path of the storage directory. */
  readonly directory: string;
  /** Tail of the chain of operations per key; an entry is removed when its chain drains. */
  private readonly queues = new Map<string, Promise<void>>();
  private initializing: Promise<void> | undefined;

  /** @throws Error naming `FileStorage()` when the options are invalid. */
  constructor(options: FileStorageOptions) {
    const parsed = FileStorageOptions.safeParse(options);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
      throw new Error(`FileStorage(): invalid options: ${problems.join('; ')}`);
    }
    this.directory = path.resolve(parsed.data.directory);
  }

  /**
   * Creates the directory if missing, checks that it is writable and removes temporary files left by
   * a crash. Runs once; every operation awaits it, and start-up code may await it to fail early.
   *
   * @throws Error naming `FileStorage()` and the directory when it cannot be created or written.
   */
  initialize(): Promise<void> {
    this.initializing ??= this.prepareDirectory().catch((error: unknown) => {
      this.initializing = undefined; // let a later call retry, e.g. after a volume is mounted
      throw new Error(`FileStorage(): cannot use directory ${JSON.stringify(this.directory)}: ${messageOf(error)}`, {
        cause: error,
      });
    });
    return this.initializing;
  }

  /**
   * Reads the items stored under `keys`; keys not stored are absent from the result.
   *
   * @throws CorruptStateError when the file of any requested key is corrupt.
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('FileStorage.read(): keys must be an array');
    await this.initialize();
    const unique = [...new Set(keys)];
    return this.exclusive(unique, async () => {
      const found = await Promise.all(unique.map(async (key) => [key, await this.load(key)] as const));
      const items: StoreItems = {};
      for (const [key, stored] of found) if (stored) items[key] = stored.item;
      return items;
    });
  }

  /**
   * Writes `changes`, each item under its key, with a new eTag.
   *
   * @throws Error containing "eTag conflict" and the key when an item's eTag is stale; nothing of the
   * call is written then.
   */
  async write(changes: StoreItems): Promise<void> {
    if (typeof changes !== 'object' || changes === null) throw new TypeError('FileStorage.write(): changes must be an object');
    await this.initialize();
    const entries = Object.entries(changes) as [string, StoreItem][];
    await this.exclusive(
      entries.map(([key]) => key),
      async () => {
        for (const [key, item] of entries) await this.checkETag(key, item);
        const contents = entries.map(([key, item]) => [key, serialize(key, item)] as const);
        const staged: StagedFile[] = [];
        try {
          for (const [index, [key, content]] of contents.entries()) {
            const createOnly = entries[index][1].eTag === CREATE_ONLY_ETAG;
            staged.push({ key, temp: await this.writeTemp(key, content), target: this.fileOf(key), createOnly });
          }
        } catch (error) {
          await Promise.all(staged.map(({ temp }) => unlink(temp).catch(() => undefined)));
          throw new Error(`FileStorage.write(): cannot write in ${JSON.stringify(this.directory)}: ${messageOf(error)}`, {
            cause: error,
          });
        }
        await this.createExclusively(staged);
        for (const { temp, target, createOnly } of staged) if (!createOnly) await rename(temp, target);
        await this.syncDirectory();
      },
    );
  }

  /**
   * Gives each create-only temporary file its target name only if no file has it: a link fails when
   * the target exists, even one another process created after {@link checkETag} looked. On such a
   * conflict the targets this call created and every staged file are removed: nothing is written.
   */
  private async createExclusively(staged: StagedFile[]): Promise<void> {
    const created: string[] = [];
    for (const { key, temp, target, createOnly } of staged) {
      if (!createOnly) continue;
      try {
        await link(temp, target);
      } catch (error) {
        await Promise.all([...created, ...staged.map((file) => file.temp)].map((file) => unlink(file).catch(() => undefined)));
        if (!isCode(error, 'EEXIST')) {
          throw new Error(`FileStorage.write(): cannot write in ${JSON.stringify(this.directory)}: ${messageOf(error)}`, { cause: error });
        }
        throw new Error(`FileStorage.write(): eTag conflict on key ${JSON.stringify(key)}: another writer created it`, { cause: error });
      }
      created.push(target);
      await unlink(temp);
    }
  }

  /** Deletes the items stored under `keys`; keys not stored are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('FileStorage.delete(): keys must be an array');
    await this.initialize();
    const unique = [...new Set(keys)];
    await this.exclusive(unique, async () => {
      await Promise.all(unique.map((key) => unlink(this.fileOf(key)).catch(ignoreMissing)));
      await this.syncDirectory();
    });
  }

  /**
   * Moves the file of `key` aside as `<file>.corrupt-<timestamp>` if it is corrupt, so the key reads
   * as absent and its conversation starts afresh while the bad file stays for inspection.
   *
   * @returns the path the file was moved to, or `undefined` when the key is absent or not corrupt.
   */
  async quarantine(key: string): Promise<string | undefined> {
    await this.initialize();
    return this.exclusive([key], async () => {
      try {
        await this.load(key);
        return undefined;
      } catch (error) {
        if (!(error instanceof CorruptStateError)) throw error;
      }
      const file = this.fileOf(key);
      const aside = `${file}${CORRUPT_INFIX}${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(file, aside);
      await this.syncDirectory();
      return aside;
    });
  }

  /** Path of the file holding `key`. */
  private fileOf(key: string): string {
    return path.join(this.directory, createHash('sha256').update(key, 'utf8').digest('hex') + ITEM_SUFFIX);
  }

  private async prepareDirectory(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const names = await readdir(this.directory);
    await Promise.all(
      names.filter((name) => name.endsWith(TEMP_SUFFIX)).map((name) => unlink(path.join(this.directory, name)).catch(ignoreMissing)),
    );
    // Probe: a read-only directory should fail here, at start-up, rather than on the first turn. Another
    // instance starting on the same directory may have removed the probe as a leftover already.
    await unlink(await this.writeTemp('probe', '')).catch(ignoreMissing);
  }

  /** The stored file of `key`, `undefined` when absent. */
  private async load(key: string): Promise<StoredFile | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new Error(`FileStorage.read(): cannot read key ${JSON.stringify(key)} (${file}): ${messageOf(error)}`, { cause: error });
    }
    let parsed: StoredFile;
    try {
      parsed = StoredFile.parse(JSON.parse(text));
    } catch (error) {
      throw new CorruptStateError(key, file, { cause: error });
    }
    if (parsed.key !== key) throw new CorruptStateError(key, file, { cause: new Error('the file holds another key') });
    return parsed;
  }

  /** Rejects a conditional write whose eTag differs from the stored one. */
  private async checkETag(key: string, item: StoreItem): Promise<void> {
    if (typeof item !== 'object' || item === null) {
      throw new TypeError(`FileStorage.write(): the item of key ${JSON.stringify(key)} must be an object`);
    }
    const eTag: unknown = item.eTag;
    if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') return;
    const stored = await this.load(key);
    if (stored && stored.item.eTag !== eTag) {
      throw new Error(`FileStorage.write(): eTag conflict on key ${JSON.stringify(key)}: the item changed since it was read`);
    }
  }

  /** Writes `content` to a new temporary file beside the file of `key`, fsynced; returns its path. */
  private async writeTemp(key: string, content: string): Promise<string> {
    const temp = `${this.fileOf(key)}.${randomUUID()}${TEMP_SUFFIX}`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return temp;
  }

  /** Makes renames and unlinks durable. Windows cannot open a directory for fsync; NTFS journals names. */
  private async syncDirectory(): Promise<void> {
    let handle: FileHandle | undefined;
    try {
      handle = await open(this.directory, 'r');
      await handle.sync();
    } catch (error) {
      if (!isCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES')) throw error;
    } finally {
      await handle?.close();
    }
  }

  /**
   * Runs `task` once every earlier operation on any of `keys` has settled. All keys are queued in the
   * same synchronous step, so operations wait in call order and two multi-key calls cannot deadlock.
   */
  private async exclusive<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    const earlier = keys.map((key) => this.queues.get(key));
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of keys) this.queues.set(key, done);
    try {
      await Promise.all(earlier);
      return await task();
    } finally {
      release();
      for (const key of keys) if (this.queues.get(key) === done) this.queues.delete(key);
    }
  }
}

/** The file content for `item` under `key`, with a fresh eTag. */
function serialize(key: string, item: StoreItem): string {
  const file: StoredFile = { key, item: { ...item, eTag: randomUUID() } };
  try {
    return JSON.stringify(file);
  } catch (error) {
    throw new TypeError(`FileStorage.write(): the item of key ${JSON.stringify(key)} is not JSON: ${messageOf(error)}`, { cause: error });
  }
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes(String((error as NodeJS.ErrnoException).code));
}

function isMissing(error: unknown): boolean {
  return isCode(error, 'ENOENT');
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
