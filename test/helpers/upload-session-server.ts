import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One PUT the server received: its headers and bytes, and the status it answered (null: never answered). */
export interface UploadRequest {
  path: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  status: number | null;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the OneDrive upload sessions Teams opens when a person accepts a
 * file consent card (Microsoft Graph « Upload large files with an upload session »): `open(name)` gives a session's
 * upload URL; each `PUT` to it must carry `Content-Range: bytes FIRST-LAST/TOTAL` matching its body (else 400), starting
 * where the previous one stopped (else 416); a fragment that does not complete the file is answered 202 with
 * `nextExpectedRanges`, the last one 201 Created with the DriveItem. A completed session no longer exists (404), as
 * in OneDrive. `refuseNext(status)` answers the next PUT with an error, `hangNext()` never answers it. The file
 * received is in `files` by session path once complete.
 */
export class UploadSessionServer {
  readonly requests: UploadRequest[] = [];
  /** Completed files, by session path (`/sessions/…`). */
  readonly files = new Map<string, Buffer>();
  private readonly sessions = new Map<string, { name: string; received: Buffer[]; next: number }>();
  private refusals: number[] = [];
  private hangs = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        const request: UploadRequest = { path, headers: req.headers, bytes: Buffer.concat(chunks), status: null };
        this.requests.push(request);
        if (this.hangs > 0) {
          this.hangs--;
          return;
        }
        const [status, body] = this.answer(req.method ?? '', path, request);
        request.status = status;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
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

  /** Opens an upload session for a file named `name`: its upload URL. */
  open(name: string): string {
    const path = `/sessions/${randomUUID()}`;
    this.sessions.set(path, { name, received: [], next: 0 });
    return `${this.url}${path}`;
  }

  /** The next PUT is answered `status` with an error body, and the session stays as it was. */
  refuseNext(status: number): void {
    this.refusals.push(status);
  }

  /** The next PUT is read and never answered. */
  hangNext(): void {
    this.hangs++;
  }

  private answer(method: string, path: string, request: UploadRequest): [number, unknown] {
    const refusal = this.refusals.shift();
    if (refusal !== undefined) return [refusal, { error: { code: 'accessDenied', message: 'fictional refusal' } }];
    const session = this.sessions.get(path);
    if (method !== 'PUT' || !session) return [404, { error: { code: 'itemNotFound', message: 'no such upload session' } }];
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    if (!range) return [400, { error: { code: 'invalidRequest', message: 'Content-Range required' } }];
    const [first, last, total] = range.slice(1).map(Number) as [number, number, number];
    const length = Number(request.headers['content-length']);
    if (last - first + 1 !== request.bytes.length || length !== request.bytes.length || last >= total) {
      return [400, { error: { code: 'invalidRange', message: 'range and body disagree' } }];
    }
    if (first !== session.next) return [416, { error: { code: 'invalidRange', message: 'fragment out of order' } }];
    session.received.push(request.bytes);
    session.next = last + 1;
    if (session.next < total) return [202, { expirationDateTime: '2031-01-01T00:00:00Z', nextExpectedRanges: [`${session.next}-`] }];
    const file = Buffer.concat(session.received);
    this.files.set(path, file);
    this.sessions.delete(path);
    return [201, { id: `01FICTIF${randomUUID().slice(0, 8).toUpperCase()}`, name: session.name, size: file.length, file: {}, webUrl: `${this.url}/files/${session.name}` }];
  }
}
