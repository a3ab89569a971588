import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { projectRoot } from '../../src/util/projectRoot.js';
import { runBotBenchmark } from './bot.js';
import { runReplicasBenchmark } from './replicas.js';
import { DatasetError } from './datasets.js';
import { runMatchBenchmark } from './match.js';
import { runNluBenchmark } from './nlu.js';
import { writeResult, type AnyResult } from './results.js';
import { runScaleBenchmark } from './scale.js';

const USAGE = `usage: node dist-tools/tools/bench/cli.js <nlu|match|bot|scale> [options]
  nlu    [--data DIR] [--out DIR]                 matcher quality on public data (default: bench/datasets)
  match  [--passes N] [--warmup-seconds S] [--out DIR]  recognition speed beside NLP.js and fuse.js on the bot's knowledge base
  bot    [--duration S] [--connections 100,10] [--replicas N] [--out DIR]   the bot server under load (autocannon);
         with --replicas: N bot processes on one Redis behind a round-robin proxy, FAQ turns/s with 1 and N;
         a run per number of connections, the targets judged on the first
  scale  [--sizes 1000,10000,100000] [--queries N] [--startup-runs N] [--out DIR]
--out DIR receives <name>.json (and nlu.html); the page DIR.md is rebuilt from every result in DIR
(default: docs/benchmarks and docs/benchmarks.md).`;

/** A bad command line: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {}

const positiveInt = (name: string) => z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be a whole number`).min(1, `--${name} must be at least 1`);

const NluArgs = z.object({ data: z.string().min(1).optional(), out: z.string().min(1).optional() }).strict();
const MatchArgs = z.object({ passes: positiveInt('passes').default(5), 'warmup-seconds': positiveInt('warmup-seconds').default(3), out: z.string().min(1).optional() }).strict();
/** Positive whole numbers separated by commas, for `--<name>`. */
const positiveInts = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const values = text.split(',').map((s) => Number(s.trim()));
      if (values.some((n) => !Number.isInteger(n) || n < 1)) {
        ctx.addIssue({ code: 'custom', message: `--${name} must be positive whole numbers separated by commas, not "${text}"` });
        return z.NEVER;
      }
      return values;
    });

const BotArgs = z
  .object({ duration: positiveInt('duration').default(10), connections: positiveInts('connections', '100,10'), replicas: positiveInt('replicas').optional(), out: z.string().min(1).optional() })
  .strict();
const ScaleArgs = z
  .object({
    sizes: positiveInts('sizes', '1000,10000,100000').transform((sizes) => sizes.sort((a, b) => a - b)),
    queries: positiveInt('queries').default(1000),
    'startup-runs': positiveInt('startup-runs').default(3),
    out: z.string().min(1).optional(),
  })
  .strict();

/** Parses `<command> --option value …` for one of the benchmarks. */
export function parseBenchArgs(argv: readonly string[]):
  | { command: 'nlu'; options: z.infer<typeof NluArgs> }
  | { command: 'match'; options: z.infer<typeof MatchArgs> }
  | { command: 'bot'; options: z.infer<typeof BotArgs> }
  | { command: 'scale'; options: z.infer<typeof ScaleArgs> } {
  const [command, ...rest] = argv;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { data: { type: 'string' }, passes: { type: 'string' }, out: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, replicas: { type: 'string' }, sizes: { type: 'string' }, queries: { type: 'string' }, 'startup-runs': { type: 'string' }, 'warmup-seconds': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const check = <T>(schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw new UsageError(`option --${issue.keys[0]} does not apply to "${command}"`);
    throw new UsageError(issue.message);
  };
  switch (command) {
    case 'nlu':
      return { command, options: check(NluArgs) };
    case 'match':
      return { command, options: check(MatchArgs) };
    case 'bot':
      return { command, options: check(BotArgs) };
    case 'scale':
      return { command, options: check(ScaleArgs) };
    default:
      throw new UsageError(command ? `unknown benchmark "${command}"` : 'which benchmark? nlu, match, bot or scale');
  }
}

/** Where results go unless --out says otherwise. */
export function defaultOutDir(): string {
  return resolve(projectRoot(), 'docs', 'benchmarks');
}

/** The benchmark data unless --data says otherwise: the project's bench/datasets. */
export function defaultDataDir(): string {
  return resolve(projectRoot(), 'bench', 'datasets');
}

/** Runs one benchmark from a command line and writes its results; returns the exit code. */
export async function runBenchCli(argv: readonly string[], io: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  let parsed: ReturnType<typeof parseBenchArgs>;
  try {
    parsed = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  const outDir = resolve(parsed.options.out ?? defaultOutDir());
  const progress = (line: string) => io.err(line);
  try {
    if (parsed.command === 'bot' && parsed.options.replicas !== undefined) {
      // Its own result file, beside bot.json; the page's section on replicas is written by hand from it.
      const result = await runReplicasBenchmark({ replicas: parsed.options.replicas, connections: parsed.options.connections[0], durationSeconds: parsed.options.duration, progress });
      mkdirSync(outDir, { recursive: true });
      const file = join(outDir, 'replicas.json');
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      io.out(`wrote ${file}`);
      return 0;
    }
    let result: AnyResult;
    if (parsed.command === 'nlu') {
      result = runNluBenchmark({ dataDir: resolve(parsed.options.data ?? defaultDataDir()), progress });
    } else if (parsed.command === 'match') {
      result = await runMatchBenchmark({ passes: parsed.options.passes, warmupSeconds: parsed.options['warmup-seconds'], progress });
    } else if (parsed.command === 'bot') {
      result = await runBotBenchmark({ connections: parsed.options.connections, durationSeconds: parsed.options.duration, progress });
    } else {
      result = await runScaleBenchmark({ sizes: parsed.options.sizes, queries: parsed.options.queries, startupRuns: parsed.options['startup-runs'], progress });
    }
    for (const file of writeResult(outDir, result)) io.out(`wrote ${file}`);
    return 0;
  } catch (error) {
    io.err(`bench ${parsed.command}: ${error instanceof DatasetError ? error.message : ((error as Error).stack ?? String(error))}`);
    return 1;
  }
}

if (require.main === module) {
  runBenchCli(process.argv.slice(2), { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
