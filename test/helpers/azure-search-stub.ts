import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. `body` is the parsed JSON body, or null when there is none. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/indexes('passages')/docs/search.index`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: any;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** An error answer queued with {@link AzureSearchStub.failNext}. */
export interface QueuedFailure {
  status: number;
  headers?: Record<string, string>;
}

type StoredDocument = Record<string, unknown> & { id: string };

/**
 * A stand-in for an Azure AI Search service: a real HTTP server on 127.0.0.1 and an ephemeral port speaking the
 * REST wire protocol as `@azure/search-documents` 12.2 sends it (paths from the SDK's generated operation specs):
 *
 * - `PUT /synonymmaps('{name}')` and `PUT /indexes('{name}')` store the definition and echo it (201, then 200);
 * - `GET /indexes('{name}')/docs/$count` answers the document count as text;
 * - `POST /indexes('{name}')/docs/search.index` applies `upload`, `merge`, `mergeOrUpload` and `delete` actions
 *   and answers `{ value: [{ key, status, errorMessage, statusCode }] }` (201 created, 200 updated);
 * - `POST /indexes('{name}')/docs/search.post.search` ranks documents by a trivial score (how many query words,
 *   folded, occur in the `searchFields`, boosts `^n` honoured, the `heading` field counting double; a fielded term
 *   `field:value` matches an element of that collection field whole), supports
 *   `search: '*'`, `top`, `select` and filters of `field eq|ne 'value'` and `[not ]search.in(field, 'a#b', '#')`
 *   clauses joined by `and`.
 *
 * Every request must carry `api-key` equal to the key given to the constructor (else 403, as the service does) and
 * an `api-version` query parameter (else 400). {@link failWith} makes every request answer an error status;
 * {@link failNext} makes the next requests answer an error (with headers such as Retry-After); {@link onRequest}
 * sees each request before it is served and may hold it (return a promise) to act in the middle of an operation.
 */
export class AzureSearchStub {
  readonly requests: RecordedRequest[] = [];
  readonly synonymMaps = new Map<string, any>();
  readonly indexes = new Map<string, { definition: any; documents: Map<string, StoredDocument> }>();
  private server: Server | null = null;
  private failure: number | null = null;
  private readonly queuedFailures: QueuedFailure[] = [];
  /** Called with each request before it is served; the request waits for the promise it returns. */
  onRequest: ((request: RecordedRequest) => void | Promise<void>) | null = null;

  /** `http://127.0.0.1:PORT`, valid after {@link start}. */
  endpoint = '';

  constructor(readonly apiKey: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => reply(res, 500, { error: { code: 'StubError', message: String(err) } }));
    });
    // Node closes idle keep-alive sockets after 5 s; the SDK reuses them, so a test slowed by a loaded machine would
    // meet a reset the real service (minutes of keep-alive) never causes.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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

  /** From now on every request answers `status` with an Azure-shaped error body; `null` restores normal service. */
  failWith(status: number | null): void {
    this.failure = status;
  }

  /** The next `failures.length` requests answer these errors, in order; then normal service resumes. */
  failNext(...failures: QueuedFailure[]): void {
    this.queuedFailures.push(...failures);
  }

  /** Stored documents of an index (empty when the index does not exist). */
  documents(indexName: string): StoredDocument[] {
    return [...(this.indexes.get(indexName)?.documents.values() ?? [])];
  }

  /** Recorded requests whose path matches. */
  requestsTo(pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => pattern.test(r.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(url.pathname);
    this.requests.push({
      method: req.method ?? '',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
      at: Date.now(),
    });
    const body = this.requests.at(-1)!.body;
    await this.onRequest?.(this.requests.at(-1)!);
    const queued = this.queuedFailures.shift();
    if (queued) {
      res.writeHead(queued.status, { 'content-type': 'application/json; odata.metadata=none', ...queued.headers });
      res.end(JSON.stringify({ error: { code: `Stub${queued.status}`, message: `stub queued to answer ${queued.status}` } }));
      return;
    }
    if (this.failure !== null) {
      return reply(res, this.failure, { error: { code: `Stub${this.failure}`, message: `stub configured to answer ${this.failure}` } });
    }
    if (req.headers['api-key'] !== this.apiKey) {
      return reply(res, 403, { error: { code: 'Forbidden', message: 'Authorization failed: invalid api-key.' } });
    }
    if (!url.searchParams.get('api-version')) {
      return reply(res, 400, { error: { code: 'MissingApiVersion', message: 'The api-version query parameter is required.' } });
    }
    let m: RegExpExecArray | null;
    if (req.method === 'PUT' && (m = /^\/synonymmaps\('([^']+)'\)$/.exec(path))) {
      const existed = this.synonymMaps.has(m[1]!);
      this.synonymMaps.set(m[1]!, body);
      return reply(res, existed ? 200 : 201, body);
    }
    if (req.method === 'PUT' && (m = /^\/indexes\('([^']+)'\)$/.exec(path))) {
      const existing = this.indexes.get(m[1]!);
      this.indexes.set(m[1]!, { definition: body, documents: existing?.documents ?? new Map() });
      return reply(res, existing ? 200 : 201, body);
    }
    m = /^\/indexes\('([^']+)'\)\/docs\/(\$count|search\.index|search\.post\.search)$/.exec(path);
    const index = m ? this.indexes.get(m[1]!) : undefined;
    if (!m || !index) {
      return reply(res, 404, { error: { code: 'ResourceNotFound', message: `No such resource: ${req.method} ${path}` } });
    }
    if (m[2] === '$count' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(String(index.documents.size));
      return;
    }
    if (m[2] === 'search.index' && req.method === 'POST') return reply(res, 200, { value: applyActions(index.documents, body.value) });
    if (m[2] === 'search.post.search' && req.method === 'POST') return reply(res, 200, { value: search([...index.documents.values()], body) });
    return reply(res, 405, { error: { code: 'MethodNotAllowed', message: `${req.method} ${path}` } });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=none' });
  res.end(JSON.stringify(body));
}

function applyActions(documents: Map<string, StoredDocument>, actions: Array<Record<string, any>>) {
  return actions.map(({ '@search.action': action, ...doc }) => {
    const key = String(doc.id);
    const existed = documents.has(key);
    if (action === 'delete') {
      documents.delete(key);
      return { key, status: true, errorMessage: null, statusCode: 200 };
    }
    if (action === 'merge' && !existed) return { key, status: false, errorMessage: 'Document not found.', statusCode: 404 };
    documents.set(key, action === 'upload' || !existed ? (doc as StoredDocument) : { ...documents.get(key)!, ...doc });
    return { key, status: true, errorMessage: null, statusCode: existed ? 200 : 201 };
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => fold(s).split(/[^a-z0-9]+/).filter((w) => w.length > 2);

function search(documents: StoredDocument[], request: Record<string, any>) {
  const filtered = documents.filter(filterOf(request.filter));
  const fields: string[] = request.searchFields ? String(request.searchFields).split(',') : ['text', 'heading'];
  const scored =
    request.search === '*' || !request.search
      ? filtered.map((doc) => ({ doc, score: 1 }))
      : filtered.map((doc) => ({ doc, score: score(doc, queryWords(String(request.search)), fields) })).filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score);
  const select: string[] | null = request.select ? String(request.select).split(',') : null;
  return scored.slice(0, request.top ?? 50).map(({ doc, score }) => ({
    '@search.score': score,
    ...(select ? Object.fromEntries(select.map((f) => [f, doc[f] ?? null])) : doc),
  }));
}

/** A query word with its boost; `field` set for a fielded term (`references:princip§4`), matched whole. */
type QueryWord = { word: string; boost: number; field?: string };

/** Query words with their boosts, from Lucene syntax (`word^0.9`, `field:term`, escapes) or simple syntax. */
function queryWords(search: string): QueryWord[] {
  return search
    .split(/(?<!\\)\s+/)
    .flatMap((term) => {
      const [, text = '', boost] = /^(.*?)(?:\^([\d.]+))?$/.exec(term) ?? [];
      const fielded = /^(\w+):(.+)$/.exec(text);
      if (fielded) return [{ field: fielded[1]!, word: fold(fielded[2]!.replace(/\\/g, '')), boost: boost ? Number(boost) : 1 }];
      return words(text.replace(/\\/g, '')).map((word) => ({ word, boost: boost ? Number(boost) : 1 }));
    });
}

function score(doc: StoredDocument, query: QueryWord[], fields: string[]): number {
  let total = 0;
  for (const field of fields) {
    const present = new Set(words(String(doc[field] ?? '')));
    const weight = field === 'heading' ? 2 : 1;
    for (const q of query) if (!q.field && present.has(q.word)) total += q.boost * weight;
  }
  // A fielded term searches its own field whatever searchFields says; a keyword-analysed collection matches whole.
  for (const q of query) {
    const values = q.field ? doc[q.field] : undefined;
    if (Array.isArray(values) && values.some((v) => fold(String(v)) === q.word)) total += q.boost;
  }
  return total;
}

function filterOf(filter: string | undefined): (doc: StoredDocument) => boolean {
  if (!filter) return () => true;
  const clauses = filter.split(/\s+and\s+/).map((clause): ((doc: StoredDocument) => boolean) => {
    const inList = /^(not )?search\.in\((\w+), '((?:[^']|'')*)', '([^']+)'\)$/.exec(clause.trim());
    if (inList) {
      const [, not, field, list, delimiter] = inList;
      const values = new Set(list!.replace(/''/g, "'").split(delimiter!));
      return (doc) => values.has(String(doc[field!])) !== Boolean(not);
    }
    const m = /^(\w+) (eq|ne) '((?:[^']|'')*)'$/.exec(clause.trim());
    if (!m) throw new Error(`stub cannot parse filter clause: ${clause}`);
    const [, field, op, raw] = m;
    const value = raw!.replace(/''/g, "'");
    return (doc) => (doc[field!] === value) === (op === 'eq');
  });
  return (doc) => clauses.every((matches) => matches(doc));
}
