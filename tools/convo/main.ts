import 'dotenv/config';
import { runConvoCli } from './cli.js';

runConvoCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`convo: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
