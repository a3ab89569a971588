/** A check that failed, at its script line. */
export interface FailedCheck {
  line: number;
  source: string;
  problem: string;
}

/** Where and how a run failed. */
export interface TurnFailure {
  /** 1-based number of the block among the convo's #me/#bot blocks (0: opening the conversation). */
  turn: number;
  sender: 'me' | 'bot';
  /** Line of the block's header. */
  line: number;
  /** The last message the runner sent before the failure (undefined before the first #me). */
  sent?: string;
  /** The block's lines as written. */
  expected: string[];
  /** The bot message the block was checked against, described (or why there was none). */
  actual: string[];
  problems: FailedCheck[];
  /** Unified-style diff of the expected texts against the reply text, for failed text checks. */
  diff?: string;
}

/** The outcome of one run of a convo (one per utterances expansion). */
export interface ConvoResult {
  /** The convo's name, with the expansion's label when it has one. */
  name: string;
  convo: string;
  expansion?: string;
  file: string;
  passed: boolean;
  failure?: TurnFailure;
  durationMs: number;
}
