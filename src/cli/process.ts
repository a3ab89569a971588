import type { CliIO } from './main.js';

/** Runs a command-line program on this process's arguments and streams, and sets the exit code it returns. */
export function runAsProcess(name: string, run: (argv: string[], io: CliIO) => Promise<number>): void {
  run(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
