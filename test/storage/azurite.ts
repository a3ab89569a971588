import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers';

const AZURITE = join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');
/** Azurite's well-known development account (public, documented by Microsoft). */
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite blob service (the npm package, in memory) and its connection string. */
export interface Azurite {
  connectionString: string;
  stop(): Promise<void>;
}

/** Starts Azurite on a free port; fails with what it printed if it exits or takes over 15 s. */
export async function startAzurite(): Promise<Azurite> {
  const workspace = mkdtempSync(join(tmpdir(), 'azurite-'));
  const port = await freePort();
  let output = '';
  // prettier-ignore
  const child: ChildProcess = spawn(AZURITE, [
    '--blobHost', '127.0.0.1', '--blobPort', String(port),
    '--inMemoryPersistence', '--skipApiVersionCheck', '--silent', '--loose', '--disableTelemetry',
  ], { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && !child.signalCode) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(workspace, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode) {
      await stop();
      throw new Error(`Azurite exited during start-up:\n${output}`);
    }
    if (await accepts(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite did not accept connections on port ${port} within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};` + `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
  return { connectionString, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
