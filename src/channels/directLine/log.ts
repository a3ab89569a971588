/** Where the endpoint reports what goes wrong (the server's logger), with optional structured facts. */
export type DirectLineLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
