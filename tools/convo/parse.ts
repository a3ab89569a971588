import { basename } from 'node:path';
import { BUTTON_DIRECTIVE, classifyLine, isBotDirective, isTextDirective, SCRIPT_LANGUAGES, type BotDirective } from './directives.js';
import { ConvoSyntaxError } from './syntaxError.js';
import type { BotCheck, Convo, ConvoStep, MeLine, Utterances, UtterancesByName } from './types.js';

interface RawLine {
  line: number;
  text: string;
}

interface OpenBlock {
  sender: 'me' | 'bot';
  line: number;
  body: RawLine[];
}

/**
 * Parses one `*.convo.txt` (the dialect of test/dialogs/scripts/README.md). `file` names the script
 * in errors; `utterances` are the utterances files its lines may name. Throws a ConvoSyntaxError
 * (`file:line: reason`) at the first problem.
 */
export function parseConvo(text: string, file: string, utterances: UtterancesByName = new Map()): Convo {
  const fail: Fail = (line, reason) => {
    throw new ConvoSyntaxError(file, line, reason);
  };
  const lines = splitLines(text);
  let name: string | undefined;
  let nameLine = 1;
  const description: string[] = [];
  const steps: ConvoStep[] = [];
  let open: OpenBlock | undefined;
  const close = () => {
    if (open) steps.push(open.sender === 'me' ? meStep(open, steps, utterances, fail) : botStep(open, utterances, fail));
    open = undefined;
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const shape = trimmed === '' ? undefined : classifyLine(trimmed);
    if (shape?.kind === 'header') {
      close();
      open = { sender: shape.sender, line, body: [] };
      return;
    }
    if (shape?.kind === 'unknownHeader') fail(line, `unknown block "${shape.header}" (blocks are #me and #bot)`);
    if (open) {
      open.body.push({ line, text: trimmed });
      return;
    }
    if (trimmed === '') {
      if (name !== undefined) description.push('');
      return;
    }
    if (name === undefined) {
      name = trimmed;
      nameLine = line;
      return;
    }
    if (shape && shape.kind !== 'text') {
      fail(line, `text before the first #me or #bot block must be the name (line 1) or the description, not a directive ("${trimmed.split(/\s+/)[0]}")`);
    }
    description.push(trimmed);
  });
  close();

  if (steps.length === 0) fail(nameLine, 'no #me or #bot block');
  return {
    name: name ?? basename(file).replace(/\.convo\.txt$/, ''),
    nameLine,
    description: description.join('\n').trim(),
    file,
    steps,
  };
}

/** Parses one `*.utterances.txt`: line 1 is the name, every other non-empty line a phrasing. */
export function parseUtterances(text: string, file: string): Utterances {
  const lines = splitLines(text)
    .map((t, index) => ({ line: index + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
  const [first, ...rest] = lines;
  if (!first) throw new ConvoSyntaxError(file, 1, 'empty utterances file (line 1 is the name, then one phrasing per line)');
  const shape = classifyLine(first.text);
  if (shape.kind === 'header' || shape.kind === 'unknownHeader' || shape.kind === 'directive') {
    throw new ConvoSyntaxError(file, first.line, `"${first.text}" cannot name utterances (it reads as a block or a directive)`);
  }
  if (rest.length === 0) throw new ConvoSyntaxError(file, first.line, `utterances "${first.text}" has no phrasings`);
  return { name: first.text, texts: rest.map((l) => l.text), file, line: first.line };
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

type Fail = (line: number, reason: string) => never;

function meStep(block: OpenBlock, previous: readonly ConvoStep[], utterances: UtterancesByName, fail: Fail): ConvoStep {
  const body = trimBlankEdges(block.body);
  if (body.length === 0) fail(block.line, '#me block is empty');
  const lines: MeLine[] = [];
  for (const { line, text } of body) {
    if (text === '') {
      lines.push({ kind: 'text', line, text });
      continue;
    }
    const named = utterances.get(text);
    if (named) {
      lines.push({ kind: 'utterances', line, utterances: named });
      continue;
    }
    const shape = classifyLine(text);
    switch (shape.kind) {
      case 'directive':
        if (shape.name !== BUTTON_DIRECTIVE) fail(line, `${shape.name} checks a bot message; it belongs in a #bot block`);
        {
          const title = text.slice(BUTTON_DIRECTIVE.length).trim();
          if (title === '') fail(line, 'BUTTON needs the title of a button of the previous bot message');
          if (body.length > 1) fail(line, 'BUTTON must be the only line of its #me block');
          if (previous.length === 0) {
            fail(line, 'BUTTON in the first #me block: there is no previous bot message to click (start with a #bot block to check the welcome)');
          }
          return { sender: 'me', line: block.line, input: { kind: 'button', line, title } };
        }
      case 'unknownDirective':
        return fail(line, shape.hasArgs ? `unknown directive "${shape.name}"` : `unknown utterances "${shape.name}" (no *.utterances.txt has this name)`);
      case 'negated':
        return fail(line, `negated directives are not supported ("!${shape.name}")`);
      default:
        lines.push({ kind: 'text', line, text });
    }
  }
  return { sender: 'me', line: block.line, input: { kind: 'text', lines } };
}

function botStep(block: OpenBlock, utterances: UtterancesByName, fail: Fail): ConvoStep {
  const body = block.body.filter((l) => l.text !== '');
  if (body.length === 0) fail(block.line, '#bot block is empty');
  const checks: BotCheck[] = body.map(({ line, text }): BotCheck => {
    const named = utterances.get(text);
    if (named) return { kind: 'utterances', line, source: text, utterances: named };
    const shape = classifyLine(text);
    switch (shape.kind) {
      case 'directive':
        if (!isBotDirective(shape.name)) return fail(line, 'BUTTON clicks a button; it belongs in a #me block');
        return { kind: 'directive', line, source: text, name: shape.name, args: directiveArgs(shape.name, shape.args, line, fail) };
      case 'unknownDirective':
        return fail(line, shape.hasArgs ? `unknown directive "${shape.name}"` : `unknown utterances "${shape.name}" (no *.utterances.txt has this name)`);
      case 'negated':
        return fail(line, `negated directives are not supported ("!${shape.name}")`);
      default:
        return { kind: 'contains', line, source: text, text };
    }
  });
  return { sender: 'bot', line: block.line, checks };
}

/** Checks a directive's arguments where the script is read, so a bad one fails before any bot runs. */
function directiveArgs(name: BotDirective, args: string[], line: number, fail: Fail): string[] {
  if (isTextDirective(name)) {
    if (args.length === 0) fail(line, `${name} needs at least one argument (a|b|…)`);
    if (name.startsWith('TEXT_REGEXP_')) {
      for (const source of args) {
        try {
          new RegExp(source, name.endsWith('_IC') ? 'i' : '');
        } catch (error) {
          fail(line, `${name}: invalid regular expression /${source}/ (${(error as Error).message})`);
        }
      }
    }
    return args;
  }
  if (name === 'LANGUAGE') {
    const language = SCRIPT_LANGUAGES.find((l) => l.toLowerCase() === args[0]?.toLowerCase());
    if (args.length !== 1 || !language) fail(line, `LANGUAGE takes one of ${SCRIPT_LANGUAGES.join(', ')}`);
    return [language as string];
  }
  return args;
}

function trimBlankEdges(lines: RawLine[]): RawLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].text === '') start += 1;
  while (end > start && lines[end - 1].text === '') end -= 1;
  return lines.slice(start, end);
}
