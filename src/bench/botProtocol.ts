/** Path of the bare route `bench bot` adds to the bot's server as the throughput ceiling. */
export const BARE_ROUTE = '/bench/bare';

/** The server child's first message: listening on this port. */
export interface ServerReady {
  type: 'ready';
  port: number;
}

/** The server child could not start. */
export interface ServerFailed {
  type: 'failed';
  message: string;
}

/** The errors the bot logged during the run (asked for at the end). */
export interface ServerErrors {
  type: 'errors';
  errors: string[];
}

export type ServerMessage = ServerReady | ServerFailed | ServerErrors;
