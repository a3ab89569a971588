import { Agent, request } from 'node:http';

/** One generated request: exactly the bytes and headers to send. */
export interface FuzzRequest {
  method: string;
  /** Request target as sent (a path, sometimes something stranger). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the harness may demand of the answer: a 2xx (`valid`), a 4xx (`invalid`), or any non-5xx answer. */
  expect: 'valid' | 'invalid' | 'any';
  /** The exact status the answer must have, when the request's outcome is known that well (isolation: 403). */
  status?: number;
  /** A 503 with Retry-After is a right answer (the Direct Line store is full). */
  unavailableAllowed?: boolean;
  /** Why it was generated, for the failure report. */
  label: string;
}

/** What came back. */
export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Largest response body the harness keeps (the rest is read and dropped). */
const MAX_KEPT = 256 * 1024;

/** Sends requests to one server over a pool of keep-alive connections. */
export class FuzzClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(req: FuzzRequest, timeoutMs = 20_000): Promise<FuzzResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(req.body.length);
      const outgoing = request(
        { host: '127.0.0.1', port: this.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          res.on('data', (chunk: Buffer) => {
            if (kept < MAX_KEPT) chunks.push(chunk);
            kept += chunk.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time; resolves with every result in order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
