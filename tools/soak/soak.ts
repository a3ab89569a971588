import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { freePort } from '../freePort.js';
import { projectRoot } from '../../src/util/projectRoot.js';

/** How a soak runs. */
export interface SoakOptions {
  /** Seconds of steady load after the warm-up. */
  durationSeconds: number;
  /** Seconds of the same load before measuring starts (the process settles, caches fill). */
  warmupSeconds: number;
  /** Requests started per second, whatever the answers take (an open loop). */
  ratePerSecond: number;
  /** Extra environment for the bot process. */
  env?: Record<string, string>;
  /** Progress lines (one every 10 s). */
  progress?: (line: string) => void;
}

/** The kinds of request the soak mixes. */
export type SoakKind = 'faq' | 'eligibility' | 'directline-start' | 'directline-post' | 'directline-poll';
const KINDS: readonly SoakKind[] = ['faq', 'eligibility', 'directline-start', 'directline-post', 'directline-poll'];

/** Latency percentiles in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What a soak measured. */
export interface SoakReport {
  startedAt: string;
  durationSeconds: number;
  warmupSeconds: number;
  ratePerSecond: number;
  machine: { node: string; cpus: number; loadAverageAtStart: number[] };
  /** Requests answered rightly, per kind, during the measured part. */
  requests: Record<SoakKind | 'total', number>;
  /** Requests answered wrongly, not answered, or whose reply never came. */
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
  /** Requests not started because every session of their kind was still busy (the server fell behind). */
  skipped: number;
  latencyMs: Record<SoakKind | 'all', Latency>;
  /**
   * The bot process's memory. The criterion is its live heap after a full garbage collection,
   * right after the warm-up and at the end (`heapStartMB`, `heapEndMB`, `growthPercent`); resident
   * memory (VmRSS) is reported beside it but rises and falls with V8's collections.
   */
  memory: { heapStartMB: number; heapEndMB: number; growthPercent: number; rssStartMB: number; rssEndMB: number; rssSamplesMB: number[] };
}

/** Share of each kind of request in the mix. */
const MIX: readonly [SoakKind | 'directline', number][] = [
  ['faq', 0.4],
  ['eligibility', 0.3],
  ['directline', 0.3],
];
/** Concurrent check sessions and Direct Line visitors. */
const ELIGIBILITY_SESSIONS = 40;
const DIRECT_LINE_VISITORS = 40;
/** Conversations the FAQ turns are spread over (each stays far below the per-conversation limit). */
const FAQ_CONVERSATIONS = 200;
/** A request or an expected reply that takes longer than this is an error. */
const TIMEOUT_MS = 10_000;
/** Steps after which a check session starts over even without its result card. */
const MAX_CHECK_STEPS = 14;

/** One reply with expectReplies. */
interface Reply {
  type: string;
  text?: string;
  attachments?: unknown[];
  suggestedActions?: { actions?: { value?: unknown; title?: string }[] };
  from?: { role?: string };
  replyToId?: string;
}

/**
 * Runs the bot as its own process (`node dist/src/index.js`, file storage in a temporary folder,
 * default limits, behind a "trusted proxy" so each simulated visitor has an address of its own) and
 * drives it on loopback at a steady rate with FAQ turns, eligibility-check turns and Direct Line
 * visitors (start, post, poll until the answer comes). Counts errors (must be 0), latency
 * percentiles, and the process's memory after the warm-up and at the end.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const root = projectRoot();
  const stateDir = mkdtempSync(join(tmpdir(), 'icp-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The inspector (on a free loopback port) lets the soak collect garbage in the bot and read its live heap.
  const bot = spawn(process.execPath, ['--inspect=127.0.0.1:0', join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      STORAGE: 'file',
      STORAGE_DIR: stateDir,
      TRUST_PROXY: 'true',
      // Visitors leave after their answer; their conversations expire a minute later, well within the long soak.
      DIRECTLINE_CONVERSATION_IDLE_MINUTES: '1',
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The bot goes with the soak, also when the soak is stopped (main.ts exits on SIGINT/SIGTERM).
  const killBot = () => bot.kill('SIGKILL');
  process.once('exit', killBot);
  const botErrors: string[] = [];
  let inspectorUrl: string | undefined;
  bot.stderr?.on('data', (chunk: Buffer) => {
    const text = String(chunk);
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(text)?.[1];
    if (botErrors.length < 20 && !/Debugger listening|For help, see/.test(text)) botErrors.push(text.slice(0, 500));
  });
  let heap: HeapProbe | undefined;
  try {
    await waitHealthy(base, bot);
    if (!inspectorUrl) throw new Error('runSoak(): the bot process did not open its inspector');
    heap = await HeapProbe.connect(inspectorUrl);
    return await drive(base, bot, heap, options, botErrors);
  } finally {
    heap?.close();
    process.off('exit', killBot);
    bot.kill('SIGTERM');
    await new Promise((resolve) => (bot.exitCode === null ? bot.once('exit', resolve) : resolve(undefined)));
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function drive(base: string, bot: ChildProcess, heap: HeapProbe, options: SoakOptions, botErrors: string[]): Promise<SoakReport> {
  const knowledge = loadKnowledge(join(projectRoot(), 'knowledge'));
  const questions = [...knowledge.entries.en, ...knowledge.entries['zh-CN']].flatMap((entry) => [entry.question, ...(entry.alternates ?? [])]);
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg().map((value) => Math.round(value * 100) / 100);
  const latencies = Object.fromEntries(KINDS.map((kind) => [kind, [] as number[]])) as Record<SoakKind, number[]>;
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<SoakKind, number>;
  const errorSamples: string[] = [];
  let errors = 0;
  let skipped = 0;
  let measuring = false;
  const inFlight = new Set<Promise<void>>();

  /** Times `work` as one request of `kind`; its error counts when measuring. */
  const measure = async (kind: SoakKind, work: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    try {
      await work();
      if (measuring) {
        latencies[kind].push(performance.now() - started);
        counts[kind]++;
      }
    } catch (error) {
      if (measuring) {
        errors++;
        if (errorSamples.length < 10) errorSamples.push(`${kind}: ${(error as Error).message}`.slice(0, 300));
      }
    }
  };

  const faq = faqTurns(base, questions);
  const checks = Array.from({ length: ELIGIBILITY_SESSIONS }, (_, i) => new CheckSession(base, i));
  const visitors = Array.from({ length: DIRECT_LINE_VISITORS }, (_, i) => new DirectLineVisitor(base, i));

  /** Starts the next request of the mix; a session kind with every session busy is skipped. */
  const startOne = (pick: number): void => {
    let acc = 0;
    const kind = MIX.find(([, share]) => (acc += share) >= pick)?.[0] ?? 'faq';
    if (kind === 'faq') return track(measure('faq', faq));
    const pool: (CheckSession | DirectLineVisitor)[] = kind === 'eligibility' ? checks : visitors;
    const idle = pool.filter((session) => !session.busy);
    if (idle.length === 0) {
      if (measuring) skipped++;
      return;
    }
    const session = idle[Math.floor(Math.random() * idle.length)];
    session.busy = true;
    const step = session.nextStep();
    track(measure(step.kind, step.run).finally(() => (session.busy = false)));
  };
  const track = (promise: Promise<void>): void => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  };

  const rss: number[] = [];
  let lastSample = 0;
  const intervalMs = 1000 / options.ratePerSecond;
  const warmupEnd = performance.now() + options.warmupSeconds * 1000;
  const end = warmupEnd + options.durationSeconds * 1000;
  let next = performance.now();
  let lastProgress = performance.now();
  let heapStart = 0;
  while (performance.now() < end) {
    const now = performance.now();
    if (!measuring && now >= warmupEnd) {
      measuring = true;
      heapStart = await heap.liveMegabytes();
    }
    if (measuring && now - lastSample >= 2000) {
      lastSample = now;
      rss.push(residentMegabytes(bot));
    }
    // Start every request due by now: the rate holds even when answers are slow.
    while (next <= now) {
      startOne(Math.random());
      next += intervalMs;
    }
    if (now - lastProgress >= 10_000) {
      lastProgress = now;
      const mb = residentMegabytes(bot);
      options.progress?.(`${Math.round((now - warmupEnd) / 1000)} s: ${Object.values(counts).reduce((a, b) => a + b, 0)} answered, ${errors} errors, ${skipped} skipped, RSS ${mb} MB`);
    }
    if (bot.exitCode !== null) throw new Error(`runSoak(): the bot process exited with ${bot.exitCode}: ${botErrors.join('')}`);
    await sleep(Math.max(1, Math.min(20, next - performance.now())));
  }
  rss.push(residentMegabytes(bot));
  const heapEnd = await heap.liveMegabytes();
  measuring = false;
  await Promise.allSettled([...inFlight]);

  const all = KINDS.flatMap((kind) => latencies[kind]);
  return {
    startedAt,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    ratePerSecond: options.ratePerSecond,
    machine: { node: process.version, cpus: cpus().length, loadAverageAtStart },
    requests: { ...counts, total: all.length },
    errors,
    errorSamples: [...errorSamples, ...botErrors.filter((line) => /"level":"error"/.test(line)).slice(0, 5)],
    skipped,
    latencyMs: { all: percentiles(all), ...(Object.fromEntries(KINDS.map((kind) => [kind, percentiles(latencies[kind])])) as Record<SoakKind, Latency>) },
    memory: {
      heapStartMB: heapStart,
      heapEndMB: heapEnd,
      growthPercent: heapStart > 0 ? Math.round(((heapEnd - heapStart) / heapStart) * 1000) / 10 : 0,
      rssStartMB: rss[0] ?? 0,
      rssEndMB: rss.at(-1) ?? 0,
      rssSamplesMB: rss,
    },
  };
}

/** An FAQ question in one of the FAQ conversations; the answer must be a message. */
function faqTurns(base: string, questions: string[]): () => Promise<void> {
  return async () => {
    const conversation = `soak-faq-${Math.floor(Math.random() * FAQ_CONVERSATIONS)}`;
    const question = questions[Math.floor(Math.random() * questions.length)];
    const replies = await say(base, conversation, question);
    if (!replies.some((reply) => reply.type === 'message' && (reply.text ?? '').length > 0)) throw new Error(`no answer to "${question}"`);
  };
}

/** A step of a session: the kind it counts as, and the request. */
interface Step {
  kind: SoakKind;
  run: () => Promise<void>;
}

/** A user going through the eligibility check by clicking the first button each time, then starting over. */
class CheckSession {
  busy = false;
  private conversation = '';
  private steps = 0;
  private nextText: string | undefined;
  private round = 0;

  constructor(
    private readonly base: string,
    private readonly index: number,
  ) {}

  nextStep(): Step {
    return {
      kind: 'eligibility',
      run: async () => {
        if (this.nextText === undefined) {
          this.conversation = `soak-check-${this.index}-${this.round++}`;
          this.steps = 0;
          this.nextText = this.round % 2 ? 'check my situation' : '检查我的情况';
        }
        const replies = await say(this.base, this.conversation, this.nextText);
        if (!replies.some((reply) => reply.type === 'message')) throw new Error(`no reply to "${this.nextText}" in ${this.conversation}`);
        this.steps++;
        const buttons = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
        const done = replies.some((reply) => (reply.attachments?.length ?? 0) > 0) || buttons.length === 0 || this.steps >= MAX_CHECK_STEPS;
        const value = buttons[0]?.value;
        this.nextText = done ? undefined : typeof value === 'string' ? value : buttons[0]?.title;
      },
    };
  }
}

/**
 * A visitor of the chat page over Direct Line: gets a token as the page does, starts the
 * conversation, asks a question, and polls (as Web Chat does without WebSocket) until the
 * answer to it arrives; then leaves and another visitor comes.
 */
class DirectLineVisitor {
  busy = false;
  private token = '';
  private conversationId = '';
  private watermark = '';
  private waitingFor: string | undefined;
  private waitingSince = 0;
  private address = '';

  constructor(
    private readonly base: string,
    private readonly index: number,
  ) {}

  nextStep(): Step {
    if (!this.conversationId) return { kind: 'directline-start', run: () => this.start() };
    if (!this.waitingFor) return { kind: 'directline-post', run: () => this.post() };
    return { kind: 'directline-poll', run: () => this.poll() };
  }

  private async start(): Promise<void> {
    // Each visitor comes from an address of its own (the bot trusts X-Forwarded-For in the soak).
    this.address = `10.${this.index}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const session = await json<{ token: string }>(`${this.base}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': this.address } });
    const grant = await json<{ conversationId: string; token: string }>(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'x-forwarded-for': this.address },
    });
    this.token = grant.token;
    this.conversationId = grant.conversationId;
    this.watermark = '';
  }

  private async post(): Promise<void> {
    const text = Math.random() < 0.5 ? 'do I need an ICP filing if my server is in Hong Kong' : '我的服务器在香港，需要备案吗';
    const posted = await json<{ id: string }>(`${this.base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'x-forwarded-for': this.address },
      body: JSON.stringify({ type: 'message', text, from: { id: 'soak' } }),
    });
    this.waitingFor = posted.id;
    this.waitingSince = performance.now();
  }

  private async poll(): Promise<void> {
    const set = await json<{ activities: Reply[]; watermark?: string }>(
      `${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
      { headers: { authorization: `Bearer ${this.token}`, 'x-forwarded-for': this.address } },
    );
    this.watermark = set.watermark ?? this.watermark;
    if (set.activities.some((activity) => activity.from?.role === 'bot' && activity.replyToId === this.waitingFor)) {
      // Answered: this visitor leaves; the next one starts a new conversation.
      this.waitingFor = undefined;
      this.conversationId = '';
      return;
    }
    if (performance.now() - this.waitingSince > TIMEOUT_MS) {
      const lost = this.waitingFor;
      this.waitingFor = undefined;
      this.conversationId = '';
      throw new Error(`no answer to activity ${lost} within ${TIMEOUT_MS} ms`);
    }
  }
}

/** One activity to /api/messages with expectReplies, from the conversation's own address; the replies. */
async function say(base: string, conversation: string, text: string): Promise<Reply[]> {
  const body = await json<{ activities?: Reply[] }>(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(conversation) },
    body: JSON.stringify({
      type: 'message',
      text,
      deliveryMode: 'expectReplies',
      channelId: 'soak',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: conversation },
      from: { id: `user-${conversation}` },
      recipient: { id: 'bot' },
    }),
  });
  return body.activities ?? [];
}

/** A documentation-range address (RFC 5737) of a conversation's own, so each simulated user counts on its own in the per-address limit. */
function addressOf(conversation: string): string {
  const digest = createHash('sha256').update(conversation).digest();
  return `198.51.${digest[0]}.${digest[1]}`;
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Percentiles of `values` (milliseconds), rounded to 0.1 ms. */
export function percentiles(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/**
 * The bot's V8 inspector over its WebSocket: a full garbage collection, then the heap in use
 * (Chrome DevTools Protocol: HeapProfiler.collectGarbage, Runtime.getHeapUsage).
 */
class HeapProbe {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Record<string, unknown>) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result ?? {});
      if (message.id !== undefined) this.pending.delete(message.id);
    });
  }

  static connect(url: string): Promise<HeapProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new HeapProbe(ws)));
      ws.once('error', reject);
    });
  }

  /** Live heap in MB after a full garbage collection. */
  async liveMegabytes(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const usage = await this.call('Runtime.getHeapUsage');
    return Math.round((Number(usage.usedSize) / 1024 / 1024) * 10) / 10;
  }

  close(): void {
    this.ws.close();
  }

  private call(method: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`HeapProbe: no answer to ${method}`)), 30_000);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.ws.send(JSON.stringify({ id, method }));
    });
  }
}

/** Resident memory of a process in MB (Linux: /proc/<pid>/status). */
function residentMegabytes(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

async function waitHealthy(base: string, bot: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (bot.exitCode !== null) throw new Error(`runSoak(): the bot process exited with ${bot.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('runSoak(): the bot did not become healthy within 30 s');
    await sleep(100);
  }
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
