import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/** How often each backend's /readyz is asked. */
const PROBE_EVERY_MS = 200;

/**
 * A small round-robin proxy in front of bot replicas, as a load balancer without sticky sessions:
 * each HTTP request and each WebSocket upgrade goes to the next backend, whatever conversation it
 * names. Like a load balancer it probes each backend's /readyz and sends to ready ones only, skips
 * one that refuses the connection, and sends a GET (idempotent) again to the next one when its
 * backend dies with it (as nginx's proxy_next_upstream does); a POST that dies with its backend
 * gets 502, and the client cannot know whether it was handled.
 */
export class RoundRobinProxy {
  private readonly server: Server;
  private next = 0;
  /** Requests each backend was sent, by port. */
  readonly served = new Map<number, number>();
  private readonly sockets = new Set<Duplex>();
  private readonly ready = new Set<number>();
  private probe: NodeJS.Timeout | undefined;

  constructor(private readonly backends: () => number[]) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.forward(req, res, Buffer.concat(chunks), this.backends().length));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  async listen(): Promise<number> {
    await this.probeAll();
    this.probe = setInterval(() => void this.probeAll(), PROBE_EVERY_MS);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('RoundRobinProxy: no port');
    return address.port;
  }

  async close(): Promise<void> {
    clearInterval(this.probe);
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async probeAll(): Promise<void> {
    await Promise.all(
      this.backends().map(async (port) => {
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(PROBE_EVERY_MS * 5) }).then((res) => res.ok, () => false);
        if (ok) this.ready.add(port);
        else this.ready.delete(port);
      }),
    );
  }

  private pick(): number {
    const all = this.backends();
    const ready = all.filter((port) => this.ready.has(port));
    const ports = ready.length > 0 ? ready : all;
    const port = ports[this.next++ % ports.length];
    this.served.set(port, (this.served.get(port) ?? 0) + 1);
    return port;
  }

  /** Sends a request to the next backend; one that refuses the connection (down) is skipped, as a load balancer's health checks would. */
  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, triesLeft: number): void {
    const upstream = request({ host: '127.0.0.1', port: this.pick(), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const unsent = error.code === 'ECONNREFUSED';
      if ((unsent || req.method === 'GET') && triesLeft > 1 && !res.headersSent) return this.forward(req, res, body, triesLeft - 1);
      // The replica died with the request: the client cannot know whether it was handled.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":"bad gateway"}');
    });
    upstream.end(body);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, triesLeft = this.backends().length): void {
    const upstream = connect(this.pick(), '127.0.0.1');
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && triesLeft > 1 && !socket.destroyed) {
        this.sockets.delete(upstream);
        this.upgrade(req, socket, head, triesLeft - 1);
      } else if (!upstream.readyState.startsWith('open')) {
        socket.destroy();
      }
    });
    this.sockets.add(socket);
    this.sockets.add(upstream);
    const drop = () => {
      socket.destroy();
      upstream.destroy();
      this.sockets.delete(socket);
      this.sockets.delete(upstream);
    };
    socket.on('error', drop);
    socket.on('close', drop);
    upstream.on('connect', () => {
      upstream.on('error', drop);
      upstream.on('close', drop);
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }
}
