import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../freePort.js';
import { projectRoot } from '../../src/util/projectRoot.js';
import { scenarioBody, SCENARIOS } from './bot.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { round } from './stats.js';

/** FAQ turns per second through the proxy with a number of replicas behind it. */
export interface ReplicaRun {
  replicas: number;
  turnsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

/** What `bench:bot --replicas N` writes to replicas.json. */
export interface ReplicasResult {
  benchmark: 'replicas';
  machine: MachineInfo;
  durationSeconds: number;
  connections: number;
  /** With 1 replica, then with N. */
  runs: ReplicaRun[];
  /** N over 1. */
  speedup: number;
}

export interface ReplicasOptions {
  replicas: number;
  connections: number;
  durationSeconds: number;
  progress?: (line: string) => void;
}

/** How long one replica may take to answer /readyz. */
const START_TIMEOUT_MS = 60_000;

/**
 * N real bot processes (`node dist/src/index.js`, STORAGE=redis) on one private redis-server,
 * behind a round-robin proxy in this process; the FAQ question loaded through the proxy with the
 * first replica only, then with all N. The proxy and autocannon share the machine with the bots.
 */
export async function runReplicasBenchmark(options: ReplicasOptions): Promise<ReplicasResult> {
  const progress = options.progress ?? (() => undefined);
  const redisPort = await freePort();
  const redis = spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const bots: ChildProcess[] = [];
  let proxy: Server | undefined;
  try {
    const ports: number[] = [];
    for (let i = 0; i < options.replicas; i++) {
      const port = await freePort();
      bots.push(
        spawn(process.execPath, ['--disable-warning=DEP0111', join(projectRoot(), 'dist', 'src', 'index.js')], {
          cwd: projectRoot(),
          stdio: 'ignore',
          env: {
            PATH: process.env.PATH ?? '',
            STORAGE: 'redis',
            REDIS_URL: `redis://127.0.0.1:${redisPort}`,
            PORT: String(port),
            HOST: '127.0.0.1',
            HANDOFF: 'off',
            EVENT_LOG: 'off',
            LOG_LEVEL: 'error',
            // One load generator on loopback: the per-address limits would measure only themselves.
            RATE_LIMIT_REQUESTS_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
            RATE_LIMIT_ACTIVITIES_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
          },
        }),
      );
      ports.push(port);
      await waitReady(port);
      progress(`replica ${i + 1} of ${options.replicas} ready on port ${port}`);
    }
    let behind = 1;
    let next = 0;
    proxy = createServer((req, res) => {
      const port = ports[next++ % behind];
      const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/messages`;
    const faq = SCENARIOS.find((scenario) => scenario.name === 'FAQ question') ?? SCENARIOS[0];
    const load = (duration: number) =>
      autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: scenarioBody(faq), idReplacement: true, connections: options.connections, duration });
    const runs: ReplicaRun[] = [];
    for (const count of [1, options.replicas]) {
      behind = count;
      await load(Math.min(3, options.durationSeconds));
      const run = await load(options.durationSeconds);
      runs.push({
        replicas: count,
        turnsPerSecond: round(run.requests.total / run.duration, 1),
        latencyP50Ms: run.latency.p50,
        latencyP99Ms: run.latency.p99,
        non2xx: run.non2xx,
        errors: run.errors,
      });
      progress(`${count} replica(s): ${runs.at(-1)?.turnsPerSecond} FAQ turns/s`);
    }
    return {
      benchmark: 'replicas',
      machine: machineInfo(),
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      runs,
      speedup: round(runs[1].turnsPerSecond / runs[0].turnsPerSecond, 2),
    };
  } finally {
    proxy?.close();
    for (const bot of bots) bot.kill('SIGTERM');
    redis.kill('SIGTERM');
  }
}

async function waitReady(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((res) => res.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`runReplicasBenchmark(): the replica on port ${port} was not ready after ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
