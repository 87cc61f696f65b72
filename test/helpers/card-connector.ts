import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector, as received on the wire. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** `POST …/activities/{id}` (a reply) or `PUT …/activities/{id}` (an update); null for a new message. */
  activityId: string | null;
  /** The id answered (ResourceResponse.id): a new one for a post (`msg-N`), the message's own for an update. */
  answeredId: string;
  body: Record<string, any>;
  /** When the connector received it (Date.now(), ms). */
  receivedAt: number;
}

/** A member of the Teams roster, as `GET /v3/conversations/{id}/members/{userId}` answers (TeamsChannelAccount). */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

/** One roster look-up the bot made. */
export interface RosterLookup {
  conversationId: string;
  userId: string;
}

/**
 * A fake Bot Framework connector for card flows: like FakeConnector it records
 * `POST /v3/conversations/:id/activities[/:activityId]` (new messages, replies, proactive sends), and it also accepts
 * `PUT /v3/conversations/:id/activities/:activityId` (updateActivity, used to update a card for everyone).
 * Answers 200 `{ id }`; new messages get ids `msg-1`, `msg-2`, …. A message removed with `deleteMessage` answers its
 * updates 404 `NotFound`, as Teams does once someone deleted it (the update is in `refused`). `failNext` and `hold` make it refuse or delay the
 * posts to one conversation, as a connector outage or a slow connector would; refused posts are in `refused`.
 * It also answers the roster route `TeamsInfo.getMember` calls, `GET /v3/conversations/:id/members/:userId`: the
 * member registered in `roster` under that user id (200), else 404 `MemberNotFoundInConversation` as Teams does;
 * `failRoster` and `holdRoster` make it refuse or never answer. Look-ups are in `rosterLookups`.
 */
export class CardConnector {
  readonly calls: ConnectorCall[] = [];
  /** Roster members by user id (the `29:…` id activities carry in `from.id`). */
  readonly roster = new Map<string, RosterMember>();
  readonly rosterLookups: RosterLookup[] = [];
  private rosterFailure: { status: number; left: number } | null = null;
  private rosterHold: Promise<void> | null = null;
  /** Posts answered with an error status by `failNext`. */
  readonly refused: ConnectorCall[] = [];
  private failures = new Map<string, { status: number; left: number; matching?: (body: Record<string, any>) => boolean }>();
  private holds = new Map<string, Promise<void>>();
  /** Messages deleted (`conversationId activityId`), see deleteMessage. */
  private deleted = new Set<string>();
  serviceUrl = '';
  private server: Server | null = null;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  /** Listens on 127.0.0.1:`port` (0: a free port the system picks). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req).then(
        (result) => {
          res.writeHead(result.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result.body));
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(err) }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  }

  /**
   * The next `times` posts to `conversationId` (those whose body `matching` accepts, when given: one kind of notice
   * among others) are answered `status` (e.g. 500) and not recorded as calls.
   */
  failNext(conversationId: string, status: number, times = 1, matching?: (body: Record<string, any>) => boolean): void {
    this.failures.set(conversationId, { status, left: times, matching });
  }

  /** The message `activityId` of `conversationId` is deleted (by someone in Teams): updates of it answer 404. */
  deleteMessage(conversationId: string, activityId: string): void {
    this.deleted.add(`${conversationId} ${activityId}`);
  }

  /** Posts to `conversationId` wait until the returned function is called (a connector that takes its time). */
  hold(conversationId: string): () => void {
    let release = () => {};
    this.holds.set(conversationId, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(conversationId);
      release();
    };
  }

  /** The next `times` roster look-ups are answered `status` (e.g. 500, 403). */
  failRoster(status: number, times = 1): void {
    this.rosterFailure = { status, left: times };
  }

  /** Roster look-ups wait until the returned function is called (a roster that does not answer in time). */
  holdRoster(): () => void {
    let release = () => {};
    this.rosterHold = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.rosterHold = null;
      release();
    };
  }

  /** Message activities posted (not updates) in a conversation, in arrival order. */
  messages(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.body.type === 'message');
  }

  /** Resolves with the calls matching `predicate` once there are at least `count`; throws after `timeoutMs`. */
  async waitFor(predicate: (call: ConnectorCall) => boolean, count = 1, timeoutMs = 5_000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter(predicate);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} matching connector call(s), got ${found.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/.exec(url.pathname);
    if (member?.[1] && member[2] && req.method === 'GET') return this.rosterAnswer(decodeURIComponent(member[1]), decodeURIComponent(member[2]));
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method;
    if (!match?.[1] || (method !== 'POST' && method !== 'PUT') || (method === 'PUT' && !match[2])) return { status: 404, body: { error: 'not found' } };
    const activityId = match[2] ? decodeURIComponent(match[2]) : null;
    const receivedAt = Date.now();
    const call: ConnectorCall = {
      receivedAt,
      method,
      conversationId: decodeURIComponent(match[1]),
      activityId,
      answeredId: activityId ?? '',
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>,
    };
    await this.holds.get(call.conversationId);
    // The bot gave up on a held post (its process was killed): the post never completed, so it is not recorded.
    if (req.socket.destroyed) return { status: 503, body: { error: 'client gone' } };
    const failure = this.failures.get(call.conversationId);
    if (failure && failure.left > 0 && (!failure.matching || failure.matching(call.body))) {
      failure.left -= 1;
      this.refused.push(call);
      return { status: failure.status, body: { error: { code: 'ServiceError', message: 'fictional outage' } } };
    }
    if (method === 'PUT' && this.deleted.has(`${call.conversationId} ${activityId}`)) {
      this.refused.push(call);
      return { status: 404, body: { error: { code: 'NotFound', message: 'fictional deleted message' } } };
    }
    // Numbered once accepted, so that concurrent posts held or refused meanwhile never share an id.
    if (method === 'POST') call.answeredId = `msg-${this.nextId++}`;
    this.calls.push(call);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return { status: 200, body: { id: call.answeredId } };
  }

  private async rosterAnswer(conversationId: string, userId: string): Promise<{ status: number; body: unknown }> {
    this.rosterLookups.push({ conversationId, userId });
    if (this.rosterHold) await this.rosterHold;
    if (this.rosterFailure && this.rosterFailure.left > 0) {
      this.rosterFailure.left -= 1;
      return { status: this.rosterFailure.status, body: rosterError('ServiceError') };
    }
    const found = this.roster.get(userId);
    return found ? { status: 200, body: found } : { status: 404, body: rosterError('MemberNotFoundInConversation') };
  }
}

/** Teams' error body for a roster look-up that finds nobody (or that the fake was told to refuse). */
const rosterError = (code: string) => ({ error: { code, message: 'fictional roster answer' } });

/** The Adaptive Card a recorded call carried (its first attachment). */
export const cardOf = (call: ConnectorCall): Record<string, any> => call.body.attachments[0].content;
