import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveFromRoot } from '../../src/util/projectRoot.js';
import { replaceSoakSection, soakMarkdown, soakPassed } from './report.js';
import { runSoak } from './soak.js';

/**
 * `npm run soak [-- --duration S --rate R --warmup S]`: the long soak of issue 10. Writes the
 * figures to docs/soak.json and between the soak markers of docs/security.md; exits 1 when there
 * were errors or memory grew by more than 20 %.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '60' },
      rate: { type: 'string', default: '30' },
      out: { type: 'string', default: 'docs/soak.json' },
      docs: { type: 'string', default: 'docs/security.md' },
      'no-docs': { type: 'boolean', default: false },
    },
  });
  const durationSeconds = Number(values.duration);
  const warmupSeconds = Number(values.warmup);
  const ratePerSecond = Number(values.rate);
  for (const [name, value] of [['--duration', durationSeconds], ['--warmup', warmupSeconds], ['--rate', ratePerSecond]] as const) {
    if (!Number.isFinite(value) || value < 0 || (name !== '--warmup' && value === 0)) {
      process.stderr.write(`soak: ${name} must be a positive number\n`);
      return 2;
    }
  }
  const command = `npm run soak -- --duration ${durationSeconds} --warmup ${warmupSeconds} --rate ${ratePerSecond}`;
  process.stderr.write(`soak: ${command}\n`);
  const report = await runSoak({ durationSeconds, warmupSeconds, ratePerSecond, progress: (line) => process.stderr.write(`soak: ${line}\n`) });
  writeFileSync(resolveFromRoot(values.out), `${JSON.stringify({ command, ...report }, null, 2)}\n`);
  const markdown = soakMarkdown(report, command);
  if (!values['no-docs']) {
    const docs = resolveFromRoot(values.docs);
    writeFileSync(docs, replaceSoakSection(readFileSync(docs, 'utf8'), markdown));
  }
  process.stdout.write(`${markdown}\n`);
  return soakPassed(report) ? 0 : 1;
}

// Stopping the soak stops its bot process too (runSoak kills it on exit).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
