import pino from 'pino';
import { currentRequestId } from './http/requestId.js';

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured facts that go with a log line (status, duration, route …); sensitive ones are redacted. */
export type LogFields = Record<string, unknown>;
/** Writes one log line; `fields` become properties of the JSON line. */
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

// Control characters would let user text forge log lines or terminal escapes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Field names whose values are never written: credentials, and what a user typed or may be identified by. */
const SENSITIVE_FIELD = /^(authorization|cookie|set-cookie|token|secret|password|text|email|phone|ip|from)$/i;
/** Personal data and credentials that may turn up inside a message, and what replaces them. */
const REDACTIONS: [RegExp, string][] = [
  [/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[token]'],
  [/\b(Bearer|Basic)\s+[^\s,;]+/gi, '$1 [redacted]'],
  [/(\/connector\/)[^/\s?#]+/g, '$1[key]'],
  [/([?&](?:t|token)=)[^&\s#]+/g, '$1[token]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  // Mainland resident identity card numbers: 17 digits and a check digit or X.
  [/(?<![0-9])\d{17}[0-9Xx](?![0-9])/g, '[id-number]'],
  // Phone numbers: 8 to 15 digits, optionally with +, spaces or dashes between them.
  [/(?<![\w.])\+?\d(?:[ -]?\d){7,14}(?![\w.])/g, '[phone]'],
];
/** Longest string written for one field or message; the rest is cut. */
const MAX_STRING = 2000;
/** Deepest object written for one field. */
const MAX_DEPTH = 4;

/** `text` with control characters replaced by spaces and personal data and credentials replaced by placeholders. */
export function redact(text: string): string {
  let clean = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  clean = clean.replace(CONTROL, ' ');
  for (const [pattern, replacement] of REDACTIONS) clean = clean.replace(pattern, replacement);
  return clean;
}

/** A copy of `fields` fit for the log: sensitive names redacted, strings cleaned, depth and size bounded. */
export function redactFields(fields: LogFields): LogFields {
  return cleanValue(fields, 0) as LogFields;
}

function cleanValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return redact(value.message);
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => cleanValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 50)) {
    const name = redact(key);
    // An own "__proto__" key is written as data, never as the prototype of the copy.
    Object.defineProperty(out, name, { value: SENSITIVE_FIELD.test(key) ? '[redacted]' : cleanValue(item, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A structured logger: one JSON line per message (pino) with `time`, `level`, `msg`, the id of the
 * request being handled (`reqId`), and the given fields, written to stderr or to `write`; messages
 * below `threshold` are dropped. Control characters are stripped and personal data redacted
 * ({@link redact}).
 */
export function makeLogger(threshold: LogLevel | 'silent', write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const logger = pino(
    {
      level: threshold,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { reqId: requestId } : {};
      },
    },
    { write },
  );
  return (level, message, fields) => {
    if (!logger.isLevelEnabled(level)) return;
    if (fields) logger[level](redactFields(fields), redact(message));
    else logger[level](redact(message));
  };
}
