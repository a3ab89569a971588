import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Received } from '../e2e/directLineClient';
import { startRedisServer, type PrivateRedisServer } from '../storage/redisServer';
import { BotProcess } from './botProcess';
import { RoundRobinProxy } from './roundRobinProxy';

/**
 * Several replicas without sticky sessions: three bot processes on one private Redis behind a
 * round-robin proxy, directlinejs clients over polling and WebSocket, and one replica killed
 * (SIGKILL) half way and started again: the issue's 200 conversations × 10 turns, 40 at a time
 * (REPLICAS_TEST_CONVERSATIONS and REPLICAS_TEST_CONCURRENCY change it for a slower machine).
 */
const CONVERSATIONS = Number(process.env.REPLICAS_TEST_CONVERSATIONS ?? 200);
const TURNS = 10;
/** Conversations running at once. */
const CONCURRENCY = Number(process.env.REPLICAS_TEST_CONCURRENCY ?? 40);
/** A start-up on two cores busy with the other replicas and the clients can be slow. */
const START_TIMEOUT_MS = 60_000;
const SECRET = 'replica-test-secret-0123456789abcdef';
/** FAQ questions: each turn is answered on its own, whichever replica runs it. */
const QUESTIONS = [
  'what is an icp filing',
  'how long does the filing take',
  'do I need a filing if my server is in Hong Kong',
  'can a foreign company apply',
  'what documents do I need',
  'which province should I file in',
  'do I need a filing for a CDN',
  'can I use an IP address without a domain',
  'I have several websites',
  'what happens without a filing',
];

jest.setTimeout(240_000);

/**
 * What each conversation's streams were sent, message by message: the watermarks and activity ids
 * as the server sent them (directlinejs hands a message's activities on through a scheduler, so
 * the order it emits them in is not the order they came in).
 */
/** directlinejs's ConnectionStatus.FailedToConnect: the client stops trying. */
const FAILED_TO_CONNECT = 4;
const streamed = new Map<string, { watermark: number; ids: string[] }[]>();
const BaseWebSocket = require('ws') as typeof import('ws');
(globalThis as Record<string, unknown>).WebSocket = class RecordingWebSocket extends BaseWebSocket {
  constructor(url: string, ...rest: unknown[]) {
    super(url, ...(rest as []));
    const conversationId = decodeURIComponent(/conversations\/([^/]+)\/stream/.exec(url)?.[1] ?? '');
    this.on('message', (data) => {
      const text = String(data);
      if (!text) return;
      const set = JSON.parse(text) as { watermark?: string; activities: { id: string }[] };
      const messages = streamed.get(conversationId) ?? [];
      messages.push({ watermark: Number(set.watermark), ids: set.activities.map((a) => a.id) });
      streamed.set(conversationId, messages);
    });
  }
};

describe('three replicas behind a round-robin proxy, one killed half way', () => {
  let redis: PrivateRedisServer;
  let bots: BotProcess[];
  let proxy: RoundRobinProxy;
  let domain: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      STORAGE: 'redis',
      REDIS_URL: redis.url,
      HANDOFF: 'off',
      LOG_LEVEL: 'warn',
      DIRECTLINE_SECRET: SECRET,
      // Every client comes from 127.0.0.1 through the proxy: the limits are not what this is about.
      RATE_LIMIT_REQUESTS_PER_MINUTE: '10000000',
      RATE_LIMIT_ACTIVITIES_PER_MINUTE: '10000000',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '10000000',
    };
    bots = [new BotProcess(env), new BotProcess(env), new BotProcess(env)];
    // One at a time: three start-ups at once on two busy cores can take longer than a start may.
    for (const bot of bots) await bot.start(START_TIMEOUT_MS);
    proxy = new RoundRobinProxy(() => bots.map((bot) => bot.port));
    domain = `http://127.0.0.1:${await proxy.listen()}/v3/directline`;
  });

  afterAll(async () => {
    if (process.env.REPLICAS_TEST_LOG) require("node:fs").writeFileSync(process.env.REPLICAS_TEST_LOG, (bots ?? []).map((bot) => bot.output.join("")).join("\n=====\n"));
    await proxy?.close();
    await Promise.all((bots ?? []).map((bot) => bot.stop('SIGTERM')));
    await redis?.stop();
  });

  it('loses no user message, loses or repeats no reply, and every client gets each activity once in order', async () => {
    const started = Date.now();
    let turnsDone = 0;
    let killed = false;
    const killHalfWay = async () => {
      killed = true;
      await bots[1].stop('SIGKILL');
      await sleep(500);
      await bots[1].start(START_TIMEOUT_MS);
    };
    let restart: Promise<void> | undefined;
    const results: ConversationResult[] = [];

    const runConversation = async (n: number): Promise<void> => {
      const webSocket = n % 2 === 0;
      // Started here, retried when the replica it reached died with the request; the client resumes it (GET …/conversations/:id from any replica).
      const conversationId = await startConversation();
      const connect = () => new Client({ domain, secret: SECRET, conversationId, webSocket, pollingInterval: 300 });
      let client = connect();
      // directlinejs gives up for good when its connection fails (its first request reached the replica as it died):
      // a page would connect again to the same conversation, and so does this client, receiving the transcript anew.
      const reconnect = () => {
        client.end();
        streamed.delete(conversationId);
        client = connect();
      };
      try {
        for (let turn = 0; turn < TURNS; turn++) {
          const id = await postUntilTaken(() => client, reconnect, QUESTIONS[turn], `c${n}-t${turn}`);
          const isReply = (a: Received) => a.from.role === 'bot' && a.replyToId === id;
          // A client whose poll or stream reached the dying replica may stop receiving (directlinejs gives up after a failed
          // request); after 30 s without the reply it connects again, as a person would reload the page, and must get it then.
          await client.waitFor(isReply, `reply to ${id}`, 30_000).catch(async () => {
            reconnect();
            return client.waitFor(isReply, `reply to ${id}`, 30_000);
          }).catch(async (error: Error) => {
            const kept = await readTranscript(client);
            throw new Error(`${error.message.slice(0, 200)}\n  ${webSocket ? 'WebSocket' : 'polling'} client received ${client.received.map((a) => a.id).join(' ')}\n  transcript ${kept.map((a) => `${a.id}>${a.replyToId ?? ''}`).join(' ')}`);
          });
          turnsDone += 1;
          if (!killed && turnsDone >= (CONVERSATIONS * TURNS) / 2) restart = killHalfWay();
        }
        // A welcome whose replica died before it ran comes when another replica takes over the turn's lease, which
        // may be after the client's ten turns (they run on the living replicas meanwhile).
        await client.waitFor((a) => a.from.role === 'bot' && a.replyToId === undefined, 'the welcome', 30_000).catch(() => undefined);
        const transcript = await readTranscript(client);
        // The client may still be receiving the last activities.
        await client.waitFor(() => client.received.length >= transcript.length, 'the whole transcript', 15_000).catch(() => undefined);
        results.push({ n, webSocket, received: [...client.received], transcript, streamed: streamed.get(conversationId) ?? [] });
      } finally {
        client.end();
      }
    };

    let nextConversation = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextConversation < CONVERSATIONS) await runConversation(nextConversation++);
      }),
    );
    await restart;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`replicas test: ${CONVERSATIONS} conversations × ${TURNS} turns in ${seconds.toFixed(1)} s; requests per replica ${JSON.stringify([...proxy.served.values()])}\n`);

    expect(killed).toBe(true);
    expect(results).toHaveLength(CONVERSATIONS);
    const problems: string[] = [];
    for (const result of results) problems.push(...checkConversation(result));
    expect(problems).toEqual([]);
  });

  /** Posts until the endpoint takes it: directlinejs answers 'retry' when the post failed (the replica died), and the client sends it again with the same clientActivityID. */
  async function postUntilTaken(current: () => Client, reconnect: () => void, text: string, clientActivityID: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      if (current().connection.connectionStatus$.getValue() === FAILED_TO_CONNECT) reconnect();
      const client = current();
      let why = '';
      const id = await client.post(text, { channelData: { clientActivityID } }).catch((error: Error) => {
        why = error.message;
        return 'retry';
      });
      if (id !== 'retry') return id;
      if (attempt >= 40) throw new Error(`post ${clientActivityID} not taken after ${attempt} attempts (${why || 'retry'}; connection status ${client.connection.connectionStatus$.getValue()})`);
      await sleep(250);
    }
  }

  /** Starts a conversation through the proxy, again when the replica that had the request died. */
  async function startConversation(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${domain}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
      if (res.ok) return ((await res.json()) as { conversationId: string }).conversationId;
      if (attempt >= 20) throw new Error(`POST /conversations: HTTP ${res.status}`);
      await sleep(250);
    }
  }

  /** The conversation's transcript as the endpoint keeps it (through the proxy, from any replica). */
  async function readTranscript(client: Client): Promise<Received[]> {
    const conversationId = (client.connection as unknown as { conversationId: string }).conversationId;
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${domain}/conversations/${encodeURIComponent(conversationId)}/activities`, { headers: { authorization: `Bearer ${SECRET}` } });
      if (res.ok) return ((await res.json()) as { activities: Received[] }).activities;
      if (attempt >= 20) throw new Error(`transcript of ${conversationId}: HTTP ${res.status}`);
      await sleep(250);
    }
  }
});

interface ConversationResult {
  n: number;
  webSocket: boolean;
  received: Received[];
  transcript: Received[];
  /** The WebSocket messages of the conversation, as the server sent them. */
  streamed: { watermark: number; ids: string[] }[];
}

/** What is wrong with one conversation, as lines (none when all is well). */
function checkConversation({ n, webSocket, received, transcript, streamed: messages }: ConversationResult): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`conversation ${n} (${webSocket ? 'WebSocket' : 'polling'}): ${what}`);
  const userMessages = transcript.filter((a) => a.from.role === 'user');
  const texts = userMessages.map((a) => a.text);
  if (JSON.stringify(texts) !== JSON.stringify(QUESTIONS.slice(0, TURNS))) say(`user messages kept ${JSON.stringify(texts)}`);
  for (const message of userMessages) {
    const replies = transcript.filter((a) => a.from.role === 'bot' && a.replyToId === message.id);
    if (replies.length === 0) say(`no reply to ${message.id}`);
    const distinct = new Set(replies.map((a) => `${a.type}\n${a.text ?? ''}\n${JSON.stringify((a as { attachments?: unknown }).attachments ?? null)}`));
    if (distinct.size !== replies.length) say(`a reply to ${message.id} kept twice`);
  }
  if (!transcript.some((a) => a.from.role === 'bot' && a.replyToId === undefined)) say('no welcome');
  // Watermarks rise with every message a stream sends, and so do the activities' numbers (`<conversation>|<seq>`) in the order sent.
  const seqOf = (id: string) => Number(id.split('|').at(-1));
  const order = webSocket ? messages.flatMap((m) => m.ids) : received.map((a) => String(a.id));
  for (let i = 1; i < order.length; i++) if (!(seqOf(order[i]) > seqOf(order[i - 1]))) say(`sent ${order[i - 1]} then ${order[i]}`);
  for (let i = 1; i < messages.length; i++) if (!(messages[i].watermark > messages[i - 1].watermark)) say(`watermark ${messages[i - 1].watermark} then ${messages[i].watermark}`);
  // Every client has every activity kept, once (what a reconnecting stream missed, it got on reconnecting).
  const receivedIds = [...received.map((a) => String(a.id))].sort().join(' ');
  const keptIds = transcript.map((a) => String(a.id)).sort().join(' ');
  if (receivedIds !== keptIds) say(`received ${receivedIds}\n  but the transcript is ${keptIds}`);
  return problems;
}
