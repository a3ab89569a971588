import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelStore } from '../nlu/entryClassifier.js';

/** Stored models kept at most; the least recently written go first (each knowledge base version has one per language). */
const KEPT_MODELS = 6;
const SUFFIX = '.model';

/**
 * A {@link ModelStore} in a folder, one file per training digest. Best effort, as the store's contract says: a file that
 * cannot be read is no model, one that cannot be written is not kept. Files are written under a temporary name and renamed,
 * so a process starting beside one that is writing reads a whole file or none.
 */
export function fileModelStore(dir: string): ModelStore {
  const fileOf = (key: string) => join(dir, `${key.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}${SUFFIX}`);
  return {
    load(key) {
      try {
        return readFileSync(fileOf(key));
      } catch {
        return undefined;
      }
    },
    save(key, bytes) {
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, bytes);
        renameSync(temporary, file);
        prune(dir);
      } catch {
        try {
          unlinkSync(temporary);
        } catch {
          // never written
        }
      }
    },
  };
}

/** Removes all but the {@link KEPT_MODELS} newest model files. */
function prune(dir: string): void {
  const models = readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX))
    .map((name) => {
      try {
        return { name, written: statSync(join(dir, name)).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((model) => model !== undefined)
    .sort((a, b) => b.written - a.written);
  for (const { name } of models.slice(KEPT_MODELS)) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // removed by another process
    }
  }
}
