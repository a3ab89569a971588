import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

/** Folders that are installed, built or written by runs, not part of the project's sources. */
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'dist-tools', 'coverage', 'test-output', 'data', 'knowledge-drafts']);

// Built from pieces so that this file does not match its own patterns.
const PARENT = '\\.\\.';
const FOLDER = 'sha' + 'red';
/**
 * A reference to the folder beside the project: as a path (`../x`, `..\x`) or as the path segments of
 * a join or resolve call (`'..', 'x'`).
 */
const OUTSIDE_REFERENCE = new RegExp(`${PARENT}[/\\\\]${FOLDER}\\b|['"\`]${PARENT}['"\`]\\s*,\\s*['"\`]${FOLDER}['"\`]`);

/** Every file of the project below `dir`, relative to the root, without the folders in {@link SKIPPED}. */
function projectFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : projectFiles(path);
    return entry.isFile() ? [relative(root, path)] : [];
  });
}

describe('the project is self-contained', () => {
  it.each([
    [`const dir = '../${FOLDER}/seeds';`, true],
    [`see \`..\\${FOLDER}\\benchmarks\``, true],
    [`resolve(projectRoot(), '..', '${FOLDER}', 'benchmarks')`, true],
    [`join(root, "..", "${FOLDER}", 'schemas')`, true],
    [`const ${FOLDER} = sharedCore();`, false],
    [`join(root, 'knowledge', 'sources')`, false],
    [`../${FOLDER}Core`, false],
  ])('the pattern finds an outside reference in %s: %s', (text, found) => {
    expect(OUTSIDE_REFERENCE.test(text)).toBe(found);
  });

  const files = projectFiles(root);

  it('scans the sources, tests, scripts and CI of the project', () => {
    for (const folder of ['src', 'test', 'bin', '.ci', 'knowledge', 'deploy', 'docs']) {
      expect(files.some((file) => file.startsWith(`${folder}/`))).toBe(true);
    }
    expect(files).toContain('README.md');
    expect(files).toContain(relative(root, __filename));
  });

  it('refers to no folder beside the project, in any file', () => {
    const referring = files.filter((file) => {
      const bytes = readFileSync(join(root, file));
      return !bytes.includes(0) && OUTSIDE_REFERENCE.test(bytes.toString('utf8'));
    });
    expect(referring).toEqual([]);
  });
});
