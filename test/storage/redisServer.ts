import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../helpers';
import { tmpdir } from 'node:os';

/** The redis-server binary used for private servers. */
const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
/** How long a private server may take to accept connections. */
const START_TIMEOUT_MS = 5000;

/** A redis-server started by a test, on 127.0.0.1, without persistence. */
export interface PrivateRedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server with SIGTERM and resolves once the process has exited. */
  stop(): Promise<void>;
}

export { freePort };

/**
 * Starts a redis-server on `port` (a free one when absent) and resolves once it accepts connections.
 * With `dataDir` it keeps its data there (append-only file, fsync on every write), so a server
 * started again on the same folder has what the stopped one had.
 */
export async function startRedisServer(port?: number, dataDir?: string): Promise<PrivateRedisServer> {
  const chosen = port ?? (await freePort());
  const persistence = dataDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dataDir] : ['--appendonly', 'no'];
  const child = spawn(REDIS_SERVER, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', ...persistence], {
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilReady(child, chosen);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`startRedisServer(): port ${port} not ready after ${START_TIMEOUT_MS} ms: ${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null): void => fail(new Error(`startRedisServer(): redis-server exited (${code}) on port ${port}: ${output}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', fail);
    };
    function done(): void {
      cleanup();
      child.stdout?.resume(); // keep draining so a chatty server never blocks on a full pipe
      child.stderr?.resume();
      resolve();
    }
    function fail(error: Error): void {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', fail);
  });
}
