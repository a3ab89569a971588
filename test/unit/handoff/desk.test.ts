import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { AgentDesk, DeskError, type DeskChange } from '../../../src/handoff/desk';
import type { CaseFile } from '../../../src/handoff/types';
import { FileStorage } from '../../../src/storage/fileStorage';
import { RedisStorage } from '../../../src/storage/redisStorage';

const caseFile = (text: string): CaseFile => ({
  reason: 'requested',
  language: 'en',
  channelId: 'test',
  transcript: [{ from: 'user', text, at: '2026-11-22T10:00:00.000Z' }],
});
const reference = { conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' }, serviceUrl: 'http://localhost' };

async function expectDeskError(promise: Promise<unknown>, code: DeskError['code']): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(DeskError);
  await promise.catch((error: DeskError) => expect(error.code).toBe(code));
}

const dirs: string[] = [];
const redisStores: RedisStorage[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await Promise.all(redisStores.map((store) => store.close()));
});

const stores: [string, () => Storage][] = [
  ['memory', () => new MemoryStorage()],
  [
    'file',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-'));
      dirs.push(dir);
      return new FileStorage({ directory: dir });
    },
  ],
  [
    'redis',
    () => {
      const store = new RedisStorage({ url: 'redis://127.0.0.1:6379', keyPrefix: `icp-test-desk-${randomUUID()}:` });
      redisStores.push(store);
      return store;
    },
  ],
];

describe.each(stores)('AgentDesk on %s storage', (_name, makeStore) => {
  it('queues cases in order and tells each its place', async () => {
    const desk = new AgentDesk(makeStore());
    const first = await desk.open(caseFile('one'), reference);
    const second = await desk.open(caseFile('two'), reference);
    expect([first.position, second.position]).toEqual([1, 2]);
    expect((await desk.list()).map((c) => c.caseFile.transcript[0].text)).toEqual(['one', 'two']);
    await desk.claim(first.deskCase.id, 'alice');
    expect(await desk.position(second.deskCase.id)).toBe(1);
    expect(await desk.position(first.deskCase.id)).toBeUndefined();
  });

  it('lets one agent claim a case, and only one of two claiming at once', async () => {
    const store = makeStore();
    const { deskCase } = await desk(store).open(caseFile('help'), reference);
    // Two desks on one store: two instances of the bot.
    const results = await Promise.allSettled([desk(store).claim(deskCase.id, 'alice'), desk(store).claim(deskCase.id, 'bob')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0].reason as DeskError).code).toBe('claimed');
    const owner = (await desk(store).get(deskCase.id))?.agent;
    expect(['alice', 'bob']).toContain(owner);
  });

  it('takes agent lines only from the agent who claimed the case', async () => {
    const d = desk(makeStore());
    const { deskCase } = await d.open(caseFile('help'), reference);
    await expectDeskError(d.addMessage(deskCase.id, { from: 'agent', agent: 'alice', text: 'hi', at: 'now' }), 'not-yours');
    await d.claim(deskCase.id, 'alice');
    await expectDeskError(d.addMessage(deskCase.id, { from: 'agent', agent: 'bob', text: 'hi', at: 'now' }), 'not-yours');
    await d.addMessage(deskCase.id, { from: 'agent', agent: 'alice', text: 'Hello, I am Alice', at: 'now' });
    await d.addMessage(deskCase.id, { from: 'user', text: 'thanks', at: 'now', id: 'a1' });
    // The same activity again (a turn run twice) is kept once.
    await d.addMessage(deskCase.id, { from: 'user', text: 'thanks', at: 'now', id: 'a1' });
    expect((await d.get(deskCase.id))?.messages.map((m) => m.text)).toEqual(['Hello, I am Alice', 'thanks']);
  });

  it('ends a case by its agent, or lets the user leave the queue, and closes it for good', async () => {
    const d = desk(makeStore());
    const changes: DeskChange[] = [];
    d.on('change', (change) => changes.push(change));
    const waiting = (await d.open(caseFile('a'), reference)).deskCase;
    const active = (await d.open(caseFile('b'), reference)).deskCase;
    await d.claim(active.id, 'alice');
    await expectDeskError(d.end(active.id, 'agent', 'bob'), 'not-yours');
    expect((await d.end(active.id, 'agent', 'alice')).status).toBe('ended');
    expect((await d.end(waiting.id, 'user')).status).toBe('left');
    expect(await d.list()).toEqual([]);
    await expectDeskError(d.addMessage(active.id, { from: 'user', text: 'hello?', at: 'now' }), 'closed');
    await expectDeskError(d.claim(waiting.id, 'alice'), 'closed');
    expect(changes.map((c) => c.kind)).toEqual(['queued', 'queued', 'claimed', 'ended', 'left']);
  });

  it('answers not-found for unknown and malformed ids', async () => {
    const d = desk(makeStore());
    await expectDeskError(d.claim(randomUUID(), 'alice'), 'not-found');
    await expectDeskError(d.claim('../../etc/passwd', 'alice'), 'not-found');
    expect(await d.get('__proto__')).toBeUndefined();
  });

  it('keeps the queue and cases for a new desk on the same store (a restart)', async () => {
    const store = makeStore();
    const { deskCase } = await desk(store).open(caseFile('still here?'), reference);
    await desk(store).claim(deskCase.id, 'alice');
    const after = desk(store);
    expect((await after.list()).map((c) => [c.id, c.status, c.agent])).toEqual([[deskCase.id, 'active', 'alice']]);
  });
});

function desk(store: Storage): AgentDesk {
  return new AgentDesk(store);
}

describe('AgentDesk retention of closed cases', () => {
  it('deletes cases closed more than retentionDays ago, and keeps open and recent ones', async () => {
    const store = new MemoryStorage();
    let now = new Date('2026-11-01T10:00:00Z');
    const d = new AgentDesk(store, { retentionDays: 30, now: () => now });
    const old = (await d.open(caseFile('old'), reference)).deskCase;
    await d.end(old.id, 'user');
    const stillOpen = (await d.open(caseFile('open'), reference)).deskCase;

    now = new Date('2026-12-05T10:00:00Z');
    const recent = (await d.open(caseFile('recent'), reference)).deskCase;
    // Closing a case sweeps (at most once an hour): the case closed 34 days ago goes.
    await d.end(recent.id, 'user');
    expect(await d.get(old.id)).toBeUndefined();
    expect((await d.get(recent.id))?.status).toBe('left');
    expect((await d.get(stillOpen.id))?.status).toBe('waiting');
    expect(await d.sweep()).toBe(0);
  });

  it('keeps everything with retentionDays 0', async () => {
    const store = new MemoryStorage();
    let now = new Date('2026-01-01T00:00:00Z');
    const d = new AgentDesk(store, { retentionDays: 0, now: () => now });
    const closed = (await d.open(caseFile('kept'), reference)).deskCase;
    await d.end(closed.id, 'user');
    now = new Date('2027-01-01T00:00:00Z');
    expect(await d.sweep()).toBe(0);
    expect((await d.get(closed.id))?.status).toBe('left');
  });
});
