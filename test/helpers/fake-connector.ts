import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent, as received on the wire (parsed JSON body). */
export interface RecordedActivity {
  /** The id this connector answered with (what Teams puts in `replyToId` of a rating of this message). */
  id: string;
  conversationId: string;
  /** The activity replied to (`POST …/activities/{replyToId}`), or null for a new message. */
  replyToId: string | null;
  /** Value of the Authorization header, if any (local mode sends none). */
  authorization: string | undefined;
  body: Record<string, any>;
}

/**
 * A fake Bot Framework connector: a real HTTP server on 127.0.0.1 and an ephemeral port that records
 * `POST /v3/conversations/:conversationId/activities[/:activityId]` and answers 200 `{ id }`.
 * Point an activity's `serviceUrl` at {@link FakeConnector.serviceUrl} (it ends with a slash, as Teams' does).
 */
export class FakeConnector {
  readonly activities: RecordedActivity[] = [];
  private server: Server | null = null;
  private waiters: Array<() => void> = [];
  private nextId = 1;
  private failures: Array<{ status: number; headers: Record<string, string> }> = [];

  /** Activity posts answered with a failure (see {@link failNext}) since the start. */
  refused = 0;
  /** Each activity post waits this long before it is answered, in ms (a slow connector). */
  delayMs = 0;

  /** `http://127.0.0.1:PORT/`, valid after {@link start}. */
  serviceUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const failure = req.method === 'POST' ? this.failures.shift() : undefined;
      if (failure) {
        this.refused++;
        req.resume();
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'fictional failure' } }));
        return;
      }
      this.handle(req)
        .then((id) => {
          res.writeHead(id === null ? 404 : 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(id === null ? { error: 'not found' } : { id }));
        })
        .catch((err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(err) }));
        });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.serviceUrl = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  }

  /**
   * The next `count` activity posts are answered `status` with `headers` (503, or 429 with Retry-After) and not
   * recorded, as a Bot Framework connector under load does.
   */
  failNext(count: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, headers });
  }

  /** Forgets failures announced by {@link failNext} and not yet served: the connector is healthy again. */
  recover(): void {
    this.failures = [];
  }

  /** Forgets recorded activities (between tests). */
  reset(): void {
    this.activities.length = 0;
  }

  /** Recorded activities of type `message` in one conversation, in arrival order. */
  messages(conversationId: string): RecordedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId && a.body.type === 'message');
  }

  /**
   * Resolves with the first `count` message activities of a conversation once they have arrived.
   * @throws after `timeoutMs` milliseconds with what did arrive
   */
  async waitForMessages(conversationId: string, count: number, timeoutMs = 5_000): Promise<RecordedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages(conversationId);
      if (found.length >= count) return found.slice(0, count);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} message(s) in ${conversationId}, got ${found.length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Records the activity; resolves with the id given to it, or null when the request is not an activity post. */
  private async handle(req: IncomingMessage): Promise<string | null> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !match?.[1]) return null;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const id = `reply-${this.nextId++}`;
    this.activities.push({
      id,
      conversationId: decodeURIComponent(match[1]),
      replyToId: match[2] ? decodeURIComponent(match[2]) : null,
      authorization: req.headers.authorization,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>,
    });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return id;
  }
}
