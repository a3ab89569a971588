/** Path of the bare route `bench bot` adds to the bot's server as the throughput ceiling. */
export const BARE_ROUTE = '/bench/bare';
/**
 * Path of the botbuilder floor `bench bot` adds: the bot's own adapter and state with a handler that
 * only sends a fixed reply, so what botbuilder's turn costs before any of the bot's work.
 */
export const FLOOR_ROUTE = '/bench/botbuilder';

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

/** The server process's CPU time so far (user + system), in microseconds (asked for around each load run). */
export interface ServerCpu {
  type: 'cpu';
  micros: number;
}

export type ServerMessage = ServerReady | ServerFailed | ServerErrors | ServerCpu;
