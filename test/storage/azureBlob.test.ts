import { countingTurn as countingTurnOn } from '../helpers';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import { makeAzureBlobStorage } from '../../src/storage/azureBlob';

const AZURITE = join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');
/** Azurite's well-known development account (public, documented by Microsoft). */
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'bot-state-test';

let azurite: ChildProcess | undefined;
let azuriteOutput = '';
let workspace: string;
let connectionString: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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

/** Polls until Azurite accepts connections; fails with what it printed if it exits or takes over 15 s. */
async function waitForAzurite(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (azurite?.exitCode !== null || azurite?.signalCode) throw new Error(`Azurite exited during start-up:\n${azuriteOutput}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Azurite did not accept connections on port ${port} within 15 s:\n${azuriteOutput}`);
}

function storage(): Storage {
  return makeAzureBlobStorage({ connectionString, container: CONTAINER });
}

describe('makeAzureBlobStorage against Azurite', () => {
  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'azurite-'));
    const port = await freePort();
    // prettier-ignore
    azurite = spawn(AZURITE, [
      '--blobHost', '127.0.0.1', '--blobPort', String(port),
      '--inMemoryPersistence', '--skipApiVersionCheck', '--silent', '--loose', '--disableTelemetry',
    ], { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
    azurite.stdout?.on('data', (chunk: Buffer) => (azuriteOutput += chunk.toString()));
    azurite.stderr?.on('data', (chunk: Buffer) => (azuriteOutput += chunk.toString()));
    await waitForAzurite(port);
    connectionString =
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
  }, 20_000);

  afterAll(async () => {
    const child = azurite;
    if (child && child.exitCode === null && !child.signalCode) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reads back what was written, with an eTag, from a new instance', async () => {
    const key = 'webchat/conversations/round-trip';
    await storage().write({ [key]: { step: 'ask-domain', answers: { hasDomain: true } } });
    expect(await storage().read([key, 'webchat/conversations/never-written'])).toEqual({
      [key]: { step: 'ask-domain', answers: { hasDomain: true }, eTag: expect.any(String) },
    });
  });

  it('stores Chinese text intact', async () => {
    const key = 'webchat/conversations/zh';
    const question = '我的网站需要办理ICP备案吗？';
    await storage().write({ [key]: { question } });
    expect((await storage().read([key]))[key].question).toBe(question);
  });

  it('accepts the stored eTag, rejects a stale one with "eTag conflict" and the key, and keeps the stored item', async () => {
    const key = 'webchat/conversations/etag';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    const stale = (await store.read([key]))[key];
    await store.write({ [key]: { ...stale, v: 2 } });
    const current = await store.read([key]);
    expect(current[key].eTag).not.toBe(stale.eTag);
    await expect(store.write({ [key]: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
    await expect(store.write({ [key]: { ...stale, v: 3 } })).rejects.toThrow(key);
    expect(await store.read([key])).toEqual(current);
  });

  it("overwrites unconditionally with eTag '*'", async () => {
    const key = 'webchat/conversations/star';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    await store.write({ [key]: { v: 2, eTag: '*' } });
    expect((await store.read([key]))[key].v).toBe(2);
  });

  it('deletes items and ignores keys that are not stored', async () => {
    const key = 'webchat/conversations/delete';
    const store = storage();
    await store.write({ [key]: { v: 1 } });
    await store.delete([key, 'webchat/conversations/never-written']);
    expect(await store.read([key])).toEqual({});
  });

  it('saves ConversationState at the end of a turn and loads it in the next, on a new instance', async () => {
    const countingTurn = (text: string) => countingTurnOn(storage(), text);
    expect(await countingTurn('hello')).toBe('message 1: hello');
    expect(await countingTurn('again')).toBe('message 2: again');
  });
});

describe('makeAzureBlobStorage: options', () => {
  it.each([
    ['connectionString', { container: CONTAINER }, /^makeAzureBlobStorage\(\): invalid options: connectionString is required$/],
    ['container', { connectionString: 'UseDevelopmentStorage=true;' }, /^makeAzureBlobStorage\(\): invalid options: container is required$/],
    ['a container with capitals', { connectionString: 'UseDevelopmentStorage=true;', container: 'BotState' }, /container must be 3-63 lowercase/],
  ])('rejects missing or bad %s, naming it', (_name, options, message) => {
    expect(() => makeAzureBlobStorage(options as { connectionString: string; container: string })).toThrow(message);
  });

  it('rejects a malformed connection string without echoing it', () => {
    const secret = 'AccountName=x;AccountKey=c2VjcmV0';
    let message = '';
    try {
      makeAzureBlobStorage({ connectionString: secret, container: CONTAINER });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/^Error: makeAzureBlobStorage\(\): invalid connectionString: /);
    expect(message).not.toContain('c2VjcmV0');
  });
});
