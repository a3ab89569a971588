/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;

const ORDER: Record<LogLevel | 'silent', number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };
// Control characters would let user text forge log lines or terminal escapes.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A logger writing one line per message to stderr, dropping messages below `threshold`. */
export function makeLogger(threshold: LogLevel | 'silent', write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return (level, message) => {
    if (ORDER[level] < ORDER[threshold]) return;
    write(`${new Date().toISOString()} ${level.toUpperCase()} ${message.replace(CONTROL, ' ')}\n`);
  };
}
