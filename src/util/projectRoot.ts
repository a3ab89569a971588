import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

/** The folder holding the project's package.json, found upwards from this file (works from src/ and dist/src/). */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`projectRoot(): no package.json above ${__dirname}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** Resolves a configured folder against the project root unless it is absolute. */
export function resolveFromRoot(path: string): string {
  return resolve(projectRoot(), path);
}
