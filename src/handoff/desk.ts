import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ConversationReference, Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from '../storage/guardedStorage.js';
import type { CaseFile, DeskCase, TranscriptLine } from './types.js';

/** Storage key of the queue: the ids of every open case (waiting or active), oldest first. */
export const QUEUE_KEY = 'handoff/queue';
/** Storage key of one case. */
export const caseKey = (id: string): string => `handoff/case/${id}`;
/** Most lines kept in a case after the handoff; beyond that the oldest go (the case keeps a count). */
const MAX_CASE_MESSAGES = 2000;
/** How often a change is tried again when another agent or instance changed the same document first. */
const MAX_ATTEMPTS = 10;
const CASE_ID = /^[0-9a-f-]{36}$/;

/** What went wrong with a desk operation, for the HTTP status. */
export type DeskErrorCode = 'not-found' | 'claimed' | 'not-yours' | 'closed' | 'busy';

export class DeskError extends Error {
  override name = 'DeskError';
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A change agents' screens should show. */
export interface DeskChange {
  kind: 'queued' | 'claimed' | 'message' | 'ended' | 'left';
  caseId: string;
}

interface QueueDocument extends StoreItem {
  ids: string[];
}

/**
 * The built-in agent desk's queue and cases, kept in the bot's storage so they survive a restart
 * and are shared by every instance on the same store. Every change is a read, a change and a
 * conditional write (eTag); when another agent or instance wrote first it is tried again on the
 * fresh document, so two agents cannot both claim one case. Emits 'change' ({@link DeskChange}) for
 * the agents connected to this process.
 */
export class AgentDesk extends EventEmitter<{ change: [DeskChange] }> {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  /** Opens a case for a conversation and puts it at the end of the queue; resolves the case and its place (1 = next). */
  async open(caseFile: CaseFile, reference: Partial<ConversationReference>): Promise<{ deskCase: DeskCase; position: number }> {
    const deskCase: DeskCase = { id: randomUUID(), status: 'waiting', createdAt: this.now().toISOString(), caseFile, messages: [], reference };
    // The case first: a queue entry must never point at a case that is not there.
    await this.storage.write({ [caseKey(deskCase.id)]: { ...deskCase, eTag: '*' } });
    await this.updateQueue((ids) => [...ids, deskCase.id]);
    this.emit('change', { kind: 'queued', caseId: deskCase.id });
    return { deskCase, position: (await this.position(deskCase.id)) ?? 1 };
  }

  /** The open cases (waiting and active), oldest first. */
  async list(): Promise<DeskCase[]> {
    const ids = (await this.readQueue()).ids;
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map(caseKey));
    return ids.map((id) => items[caseKey(id)] as DeskCase | undefined).filter((c): c is DeskCase => c !== undefined && (c.status === 'waiting' || c.status === 'active'));
  }

  /** One case, open or closed; undefined for an unknown id. */
  async get(id: string): Promise<DeskCase | undefined> {
    if (!CASE_ID.test(id)) return undefined;
    const items = await this.storage.read([caseKey(id)]);
    const found = items[caseKey(id)] as (DeskCase & StoreItem) | undefined;
    if (!found) return undefined;
    const { eTag: _eTag, ...deskCase } = found;
    return deskCase;
  }

  /** A waiting case's place in the queue (1 = next to be taken); undefined once it is taken or closed. */
  async position(id: string): Promise<number | undefined> {
    const waiting = (await this.list()).filter((c) => c.status === 'waiting');
    const index = waiting.findIndex((c) => c.id === id);
    return index < 0 ? undefined : index + 1;
  }

  /** An agent takes a waiting case; a case belongs to one agent at a time. */
  async claim(id: string, agent: string): Promise<DeskCase> {
    const claimed = await this.updateCase(id, (c) => {
      if (c.status === 'active' && c.agent === agent) return c;
      if (c.status === 'active') throw new DeskError('claimed', `case ${id} is already taken by ${c.agent}`);
      if (c.status !== 'waiting') throw new DeskError('closed', `case ${id} is closed`);
      return { ...c, status: 'active', agent, claimedAt: this.now().toISOString() };
    });
    this.emit('change', { kind: 'claimed', caseId: id });
    return claimed;
  }

  /**
   * Adds a line said after the handoff. A user line is taken while the case is open; an agent line
   * only from the agent who claimed it. A line whose id is already there is not added twice (a
   * turn that runs again after an eTag conflict).
   */
  async addMessage(id: string, line: TranscriptLine & { id?: string }): Promise<DeskCase> {
    const updated = await this.updateCase(id, (c) => {
      if (c.status !== 'waiting' && c.status !== 'active') throw new DeskError('closed', `case ${id} is closed`);
      if (line.from === 'agent' && (c.status !== 'active' || c.agent !== line.agent)) {
        throw new DeskError('not-yours', `case ${id} is not claimed by ${line.agent ?? 'this agent'}`);
      }
      if (line.id && c.messages.some((m) => (m as TranscriptLine & { id?: string }).id === line.id)) return c;
      return { ...c, messages: [...c.messages, line].slice(-MAX_CASE_MESSAGES) };
    });
    this.emit('change', { kind: 'message', caseId: id });
    return updated;
  }

  /** Ends an active or waiting case: by its agent, or by the user. */
  async end(id: string, by: 'agent' | 'user', agent?: string): Promise<DeskCase> {
    const ended = await this.updateCase(id, (c) => {
      if (c.status === 'ended' || c.status === 'left') throw new DeskError('closed', `case ${id} is closed`);
      if (by === 'agent' && (c.status !== 'active' || c.agent !== agent)) throw new DeskError('not-yours', `case ${id} is not claimed by ${agent}`);
      const status = by === 'user' && c.status === 'waiting' ? 'left' : 'ended';
      return { ...c, status, endedBy: by, endedAt: this.now().toISOString() };
    });
    await this.updateQueue((ids) => ids.filter((queued) => queued !== id));
    this.emit('change', { kind: ended.status === 'left' ? 'left' : 'ended', caseId: id });
    return ended;
  }

  private async readQueue(): Promise<QueueDocument> {
    const items = await this.storage.read([QUEUE_KEY]);
    return (items[QUEUE_KEY] as QueueDocument | undefined) ?? { ids: [] };
  }

  private async updateQueue(change: (ids: string[]) => string[]): Promise<void> {
    await this.withRetry(async () => {
      const queue = await this.readQueue();
      // A missing queue is written with '*': the only unconditional write, when the desk is new.
      await this.storage.write({ [QUEUE_KEY]: { ids: change(queue.ids), eTag: queue.eTag ?? '*' } });
    });
  }

  private async updateCase(id: string, change: (deskCase: DeskCase) => DeskCase): Promise<DeskCase> {
    return this.withRetry(async () => {
      if (!CASE_ID.test(id)) throw new DeskError('not-found', `no case ${id}`);
      const items = await this.storage.read([caseKey(id)]);
      const stored = items[caseKey(id)] as (DeskCase & StoreItem) | undefined;
      if (!stored) throw new DeskError('not-found', `no case ${id}`);
      const { eTag, ...current } = stored;
      const next = change(current);
      if (next !== current) await this.storage.write({ [caseKey(id)]: { ...next, eTag } });
      return next;
    });
  }

  private async withRetry<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await operation();
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new DeskError('busy', 'the desk is busy; try again');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
}
