import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ConversationReference, Storage, StoreItem } from 'botbuilder';
import type { Logger } from '../log.js';
import { isETagConflict } from '../storage/guardedStorage.js';
import type { CaseFile, DeskCase, TranscriptLine } from './types.js';

/** Storage key of the queue: the ids of every open case (waiting or active), oldest first. */
export const QUEUE_KEY = 'handoff/queue';
/** Storage key of one case. */
export const caseKey = (id: string): string => `handoff/case/${id}`;
/** Storage key of the days that have closed cases, for the retention sweep (no store can list keys). */
export const CLOSED_DAYS_KEY = 'handoff/closed';
/** Storage key of the ids of the cases closed on one UTC day (YYYY-MM-DD). */
export const closedDayKey = (day: string): string => `handoff/closed/${day}`;
/** How often one process looks for closed cases past their retention. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
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

/** How the desk keeps closed cases, and its clock and log (tests set them). */
export interface AgentDeskOptions {
  /** Closed cases (their transcripts hold what users typed) are deleted this many days after they closed; 0 keeps them. */
  retentionDays?: number;
  now?: () => Date;
  log?: Logger;
}

/** The desk's lists (the queue, the days with closed cases, one day's closed cases): ids in order. */
interface ListDocument extends StoreItem {
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
  private lastSweep = 0;

  private readonly retentionDays: number;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(
    private readonly storage: Storage,
    options: AgentDeskOptions = {},
  ) {
    super();
    this.retentionDays = options.retentionDays ?? 30;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
  }

  /** Opens a case for a conversation and puts it at the end of the queue; resolves the case and its place (1 = next). */
  async open(caseFile: CaseFile, reference: Partial<ConversationReference>): Promise<{ deskCase: DeskCase; position: number }> {
    const deskCase: DeskCase = { id: randomUUID(), status: 'waiting', createdAt: this.now().toISOString(), caseFile, messages: [], reference };
    // The case first: a queue entry must never point at a case that is not there.
    await this.storage.write({ [caseKey(deskCase.id)]: { ...deskCase, eTag: '*' } });
    await this.updateList(QUEUE_KEY, (ids) => [...ids, deskCase.id]);
    this.emit('change', { kind: 'queued', caseId: deskCase.id });
    return { deskCase, position: (await this.position(deskCase.id)) ?? 1 };
  }

  /** The open cases (waiting and active), oldest first. */
  async list(): Promise<DeskCase[]> {
    const ids = (await this.readList(QUEUE_KEY)).ids;
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
  async addMessage(id: string, line: TranscriptLine): Promise<DeskCase> {
    const updated = await this.updateCase(id, (c) => {
      if (c.status !== 'waiting' && c.status !== 'active') throw new DeskError('closed', `case ${id} is closed`);
      if (line.from === 'agent' && (c.status !== 'active' || c.agent !== line.agent)) {
        throw new DeskError('not-yours', `case ${id} is not claimed by ${line.agent ?? 'this agent'}`);
      }
      if (line.id && c.messages.some((m) => m.id === line.id)) return c;
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
    await this.updateList(QUEUE_KEY, (ids) => ids.filter((queued) => queued !== id));
    await this.noteClosed(id);
    this.emit('change', { kind: ended.status === 'left' ? 'left' : 'ended', caseId: id });
    return ended;
  }

  /**
   * Deletes the cases that closed more than `retentionDays` ago, whole days at a time; resolves
   * how many cases went. Runs by itself at most once an hour when a case closes.
   */
  async sweep(): Promise<number> {
    this.lastSweep = this.now().getTime();
    if (this.retentionDays <= 0) return 0;
    const cutoff = dayOf(new Date(this.now().getTime() - this.retentionDays * 86_400_000));
    const expired = (await this.readList(CLOSED_DAYS_KEY)).ids.filter((day) => day < cutoff);
    let deleted = 0;
    for (const day of expired) {
      const { ids } = await this.readList(closedDayKey(day));
      for (const id of ids) await this.storage.delete([caseKey(id)]);
      await this.storage.delete([closedDayKey(day)]);
      deleted += ids.length;
    }
    if (expired.length > 0) await this.updateList(CLOSED_DAYS_KEY, (days) => days.filter((day) => !expired.includes(day)));
    return deleted;
  }

  /** Lists a closed case under today, for the retention sweep, and sweeps when one is due. */
  private async noteClosed(id: string): Promise<void> {
    const day = dayOf(this.now());
    await this.updateList(closedDayKey(day), (ids) => [...ids, id]);
    await this.updateList(CLOSED_DAYS_KEY, (days) => (days.includes(day) ? days : [...days, day]));
    if (this.now().getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    // The case is closed either way; a sweep that fails is tried again an hour later.
    await this.sweep().catch((error: Error) => this.log('warn', `agent desk: retention sweep failed: ${error.message}`));
  }

  private async readList(key: string): Promise<ListDocument> {
    const items = await this.storage.read([key]);
    return (items[key] as ListDocument | undefined) ?? { ids: [] };
  }

  /** Changes a list with a conditional write; `change` returns its argument itself for "no change". */
  private async updateList(key: string, change: (ids: string[]) => string[]): Promise<void> {
    await this.withRetry(async () => {
      const list = await this.readList(key);
      const next = change(list.ids);
      if (next === list.ids && list.eTag) return;
      // A missing list is written with '*': the only unconditional write, when it is new.
      await this.storage.write({ [key]: { ids: next, eTag: list.eTag ?? '*' } });
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

/** The UTC day of a time, YYYY-MM-DD. */
function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}
