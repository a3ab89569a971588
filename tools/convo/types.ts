import type { BotDirective } from './directives.js';

/** A `*.utterances.txt` file: its name (line 1) and its phrasings. */
export interface Utterances {
  name: string;
  texts: string[];
  file: string;
  line: number;
}

/** Utterances files by name, as the scripts refer to them. */
export type UtterancesByName = ReadonlyMap<string, Utterances>;

/** One line of a `#me` block: literal text, or an utterances name standing for each of its phrasings. */
export type MeLine = { kind: 'text'; line: number; text: string } | { kind: 'utterances'; line: number; utterances: Utterances };

/** A `#me` block: text to send, or a click on a button of the previous bot message. */
export interface MeStep {
  sender: 'me';
  /** Line of the `#me` header. */
  line: number;
  input: { kind: 'text'; lines: MeLine[] } | { kind: 'button'; line: number; title: string };
}

/** One check of a `#bot` block, with the script line it came from. */
export type BotCheck =
  /** A plain line: the reply text contains it. */
  | { kind: 'contains'; line: number; source: string; text: string }
  /** An utterances name: the reply text contains one of its phrasings. */
  | { kind: 'utterances'; line: number; source: string; utterances: Utterances }
  | { kind: 'directive'; line: number; source: string; name: BotDirective; args: string[] };

/** A `#bot` block: the checks on the next bot message. */
export interface BotStep {
  sender: 'bot';
  /** Line of the `#bot` header. */
  line: number;
  checks: BotCheck[];
}

export type ConvoStep = MeStep | BotStep;

/** One `*.convo.txt` file. */
export interface Convo {
  /** Line 1 of the file, or the file's name when it starts with a block. */
  name: string;
  nameLine: number;
  description: string;
  file: string;
  steps: ConvoStep[];
}

/** What one `#me` turn of an expansion sends. */
export type MeInput = { kind: 'text'; text: string } | { kind: 'button'; line: number; title: string };

/** A turn of an expansion: the block's 1-based number among the convo's #me/#bot blocks, and what it does. */
export type Turn = { turn: number; sender: 'me'; line: number; input: MeInput } | ({ turn: number } & BotStep);

/** A convo with every utterances reference replaced by one phrasing. */
export interface Expansion {
  convo: Convo;
  /** Which phrasings this run uses (undefined when the convo refers to no utterances). */
  label?: string;
  turns: Turn[];
}
