/** Where the endpoint reports what goes wrong (the server's logger). */
export type DirectLineLog = (level: 'info' | 'warn' | 'error', message: string) => void;
