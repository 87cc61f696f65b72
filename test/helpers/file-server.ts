import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server answers on one path: a body with headers, or a custom handler. */
export type Route =
  | { status?: number; headers?: Record<string, string>; body: Buffer | string }
  | ((req: IncomingMessage, res: ServerResponse) => void);

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port serving files from an in-memory table (`routes`, changeable
 * while it runs), standing in for an official site. Unknown paths answer 404. `hits` counts requests per path.
 */
export class FileServer {
  readonly routes = new Map<string, Route>();
  readonly hits = new Map<string, number>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const route = this.routes.get(path);
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      if (typeof route === 'function') return route(req, res);
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
