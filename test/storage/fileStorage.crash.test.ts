import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { FileStorage } from '../../src/storage/fileStorage';

const ROOT = join(__dirname, '..', '..');
const WRITER = join(__dirname, 'fixtures', 'crashWriter.js');
const KEY = 'webchat/conversations/crash';
/** The item's payload is `<counter>;` this many times (about 0.6 MB), so a write takes long enough to be cut. */
const PAYLOAD_REPEATS = 100_000;
/** Milliseconds between the child's first acknowledged write and its SIGKILL, one round each. */
const KILL_DELAYS = [30, 60, 90, 120, 150, 200, 250, 300];

let work: string;
let compiled: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'file-storage-crash-'));
  // The child is plain Node, so it needs JavaScript. fileStorage.ts imports only createOnly.ts of the
  // project, so transpiling those two files is enough; building the whole project would depend on
  // every other file compiling and would write the shared dist/.
  for (const name of ['fileStorage', 'createOnly']) {
    const { outputText } = ts.transpileModule(readFileSync(join(ROOT, 'src', 'storage', `${name}.ts`), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: `${name}.ts`,
    });
    writeFileSync(join(work, `${name}.js`), outputText);
  }
  compiled = join(work, 'fileStorage.js');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until `delay` ms after its first acknowledged write, SIGKILLs it, and returns the counters it acknowledged. */
function writeUntilKilled(directory: string, delay: number): Promise<{ acknowledged: number; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, compiled, directory, KEY, String(PAYLOAD_REPEATS)], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    // Bounds the wait for the first write, so a broken child fails the test instead of hanging it.
    const startTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killTimer && stdout.includes('\n')) {
        clearTimeout(startTimer);
        killTimer = setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // 'close' comes after the pipes drained, so every counter the child printed is in `stdout`.
    child.on('close', (_code, signal) => {
      clearTimeout(startTimer);
      clearTimeout(killTimer);
      const counters = stdout.split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
      resolve({ acknowledged: Math.max(0, ...counters), signal, stderr });
    });
  });
}

describe('FileStorage when the writing process is SIGKILLed mid-write', () => {
  it.each(KILL_DELAYS)('leaves a complete item, at least the last acknowledged one (killed %d ms in)', async (delay) => {
    const directory = join(work, `round-${delay}`);
    mkdirSync(directory);
    const { acknowledged, signal, stderr } = await writeUntilKilled(directory, delay);
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThan(0);

    const storage = new FileStorage({ directory });
    const item = (await storage.read([KEY]))[KEY];
    // The write in flight at the kill may or may not have landed; every acknowledged one has.
    expect([acknowledged, acknowledged + 1]).toContain(item.counter);
    // Compared piecewise so a torn or mixed payload prints the counters it holds, not 0.6 MB.
    const pieces: string[] = item.payload.split(';');
    expect(pieces).toHaveLength(PAYLOAD_REPEATS + 1);
    expect(new Set(pieces)).toEqual(new Set([String(item.counter), '']));
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
