import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request the stub received, as on the wire. */
export interface ReceivedCompletion {
  /** `openai` for `POST /v1/chat/completions`, `azure` for `POST /openai/deployments/{deployment}/chat/completions`. */
  api: 'openai' | 'azure';
  /** The deployment named in an Azure path. */
  deployment: string | null;
  /** The `api-version` query parameter (Azure). */
  apiVersion: string | null;
  /** The `api-key` header (Azure) or the bearer token of `Authorization` (OpenAI). */
  key: string | null;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  body: { model?: string; messages: Array<{ role: string; content: string }>; max_tokens?: number; temperature?: number };
}

/** What the stub answers: a completion with this text, an HTTP error, a body that is not a completion, or nothing for a while. */
export type StubReply =
  | { kind: 'text'; content: string }
  | { kind: 'status'; status: number }
  | { kind: 'raw'; body: string; contentType: string }
  | { kind: 'hang'; ms: number };

/**
 * A local stand-in for the OpenAI and Azure OpenAI chat-completions APIs: a real HTTP server on 127.0.0.1 and an
 * ephemeral port, speaking their wire protocol (paths, `api-key` / bearer authentication, JSON request and response
 * shapes). Requests with another path or without the expected key get 404 / 401, as the services answer. Every
 * request is recorded; `reply` decides the answer of the next ones.
 */
export class ChatCompletionsStub {
  readonly received: ReceivedCompletion[] = [];
  reply: (request: ReceivedCompletion) => StubReply = () => ({ kind: 'text', content: '' });
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  url = '';

  constructor(readonly key: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
        const api = azure ? 'azure' : url.pathname === '/v1/chat/completions' ? 'openai' : null;
        if (req.method !== 'POST' || api === null) {
          send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: '404', message: 'Resource not found' } }));
          return;
        }
        const key = api === 'azure' ? ((req.headers['api-key'] as string | undefined) ?? null) : (/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null);
        const request: ReceivedCompletion = {
          api,
          deployment: azure ? decodeURIComponent(azure[1]!) : null,
          apiVersion: url.searchParams.get('api-version'),
          key,
          headers: req.headers,
          body: JSON.parse(raw),
        };
        this.received.push(request);
        if (key !== this.key) {
          send(res, 401, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key.' } }));
          return;
        }
        const reply = this.reply(request);
        switch (reply.kind) {
          case 'text':
            send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(completion(request, reply.content)));
            return;
          case 'status':
            send(res, reply.status, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: String(reply.status), message: 'fictional failure' } }));
            return;
          case 'raw':
            send(res, 200, { 'content-type': reply.contentType }, reply.body);
            return;
          case 'hang': {
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              if (!res.destroyed) send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(completion(request, 'Trop tard [1].')));
            }, reply.ms);
            this.timers.add(timer);
            return;
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Answers `status` with `headers` and `body` (node's writeHead is not chained: some versions return nothing). */
function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** A chat completion as OpenAI and Azure OpenAI return it (non-streaming). */
function completion(request: ReceivedCompletion, content: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-fictional',
    object: 'chat.completion',
    created: 1_900_000_000,
    model: request.body.model ?? request.deployment ?? 'fictional-model',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}
