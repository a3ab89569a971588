import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../freePort.js';
import { projectRoot } from '../../src/util/projectRoot.js';
import { machineInfo, type MachineInfo } from './machine.js';
import type { SizeResult } from './scaleMeasure.js';
import { quantile, round } from './stats.js';

/** Start-up of the real bot process to a healthy /healthz. */
export interface StartupResult {
  runs: number[];
  medianMs: number;
}

/** Everything `bench:scale` writes to scale.json. */
export interface ScaleResult {
  benchmark: 'scale';
  machine: MachineInfo;
  sizes: SizeResult[];
  /**
   * How query time grows with the knowledge base: the exponent b of p50 ∝ entries^b between the
   * smallest and largest size (1 is linear; below 1 sub-linear).
   */
  queryGrowthExponent: number;
  startup: StartupResult;
}

/** Options of `bench scale`. */
export interface ScaleOptions {
  sizes: number[];
  queries: number;
  startupRuns: number;
  progress?: (line: string) => void;
}

/**
 * Synthetic knowledge bases of each size, each measured in a fresh process (build time, memory,
 * query latency), then the bot's own start-up with the real knowledge base.
 */
export async function runScaleBenchmark(options: ScaleOptions): Promise<ScaleResult> {
  const sizes: SizeResult[] = [];
  for (const size of options.sizes) {
    const result = await measureInChild(size, options.queries);
    options.progress?.(`${size} entries: build ${result.buildMs} ms, RSS ${result.rssMb} MB, query p50 ${result.queryP50Ms} ms, p99 ${result.queryP99Ms} ms`);
    sizes.push(result);
  }
  const runs: number[] = [];
  for (let i = 0; i < options.startupRuns; i += 1) runs.push(await timeStartup());
  options.progress?.(`start-up to a healthy /healthz: ${runs.join(', ')} ms`);
  return {
    benchmark: 'scale',
    machine: machineInfo(),
    sizes,
    queryGrowthExponent: growthExponent(sizes),
    startup: { runs, medianMs: quantile(runs, 0.5) },
  };
}

/** The exponent b of p50 ∝ entries^b between the smallest and the largest size; NaN with fewer than two sizes. */
export function growthExponent(sizes: readonly SizeResult[]): number {
  if (sizes.length < 2) return Number.NaN;
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  return round(Math.log(last.queryP50Ms / first.queryP50Ms) / Math.log(last.entries / first.entries), 3);
}

/** A script of one of the two builds: the production server in dist/src, the benchmark's own processes in dist-tools/tools. */
function builtScript(build: 'production' | 'tools', name: string): string {
  const script = build === 'production' ? join(projectRoot(), 'dist', 'src', name) : join(projectRoot(), 'dist-tools', 'tools', ...name.split('/'));
  if (!existsSync(script)) throw new Error(`runScaleBenchmark(): ${script} is missing; run "npm run ${build === 'production' ? 'build' : 'build:tools'}" first`);
  return script;
}

/** Runs one size in dist-tools/tools/bench/scaleProcess.js (with --expose-gc, so memory is measured after a collection). */
function measureInChild(size: number, queries: number): Promise<SizeResult> {
  const child = fork(builtScript('tools', 'bench/scaleProcess.js'), [String(size), String(queries)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once('message', (message: { type: string; result?: SizeResult; message?: string }) => {
      settled = true;
      if (message.type === 'size' && message.result) resolve(message.result);
      else reject(new Error(`runScaleBenchmark(): ${size} entries: ${message.message ?? 'no result'}`));
      child.kill();
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`runScaleBenchmark(): the process measuring ${size} entries exited with code ${code}`));
    });
  });
}

/** Spawns `node dist/src/index.js` (STORAGE=memory, a free port) and times it to the first healthy /healthz. */
async function timeStartup(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [builtScript('production', 'index.js')], {
    cwd: projectRoot(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`runScaleBenchmark(): the bot exited (code ${code}) before /healthz answered: ${stderr.trim().slice(0, 500)}`))),
  );
  try {
    await Promise.race([waitHealthy(port), exited]);
    return round(performance.now() - started, 0);
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
  }
}

async function waitHealthy(port: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`runScaleBenchmark(): /healthz on port ${port} did not answer 200 within 30 s`);
}

