import { createHash } from 'node:crypto';
import path from 'node:path';
import { isBinaryFileSync } from 'isbinaryfile';
import type { Agent, Response } from 'undici';
import { FORMAT_BY_EXTENSION } from '../knowledge/extract/index.js';
import type { SourceFormat } from '../knowledge/types.js';
import { withoutCredentials } from './url-credentials.js';
import { InternalAddressError, internalRangeOf, publicOnlyLookup, type InternalRange } from './internal-addresses.js';

/** Largest document accepted, in bytes (50 MiB: the official PDFs weigh a few MiB). */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
/** Time allowed for a whole download (connection, redirects and body), in milliseconds. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;
/** Redirects followed before giving up (a government site may move a file once or twice; a loop must end). */
export const MAX_REDIRECTS = 5;

/**
 * Why a download failed, so callers word their message and decide what to do:
 * - `invalid_url`: not an absolute http(s) URL (also a redirect to one);
 * - `credentials`: the address (or a redirect) holds a user name or password, which fetch refuses to send; the
 *   error's `url` and message hold the address without them;
 * - `internal_address`: the address (or a redirect) is, or its host name resolves only to, an address internal to
 *   the server's network (loopback, private, link-local with cloud metadata, IPv6 unique local: `range` says which),
 *   refused unless `allowPrivateAddresses`;
 * - `offline`: no network to reach the host (name resolution failed, network unreachable, connection timed out) —
 *   `balises sync` says so in one line and carries on;
 * - `unreachable`: the network is there but the exchange failed (connection refused or reset, TLS error);
 * - `timeout`: no complete answer within the time limit;
 * - `http_status`: the server answered an error status (`status` set);
 * - `too_many_redirects`: more than the allowed redirects;
 * - `too_large`: the body (or its announced Content-Length) exceeds the size limit;
 * - `empty`: the body is empty (0 bytes): there is nothing to read, whatever its announced type;
 * - `unexpected_format`: the content is not one of the expected formats (content type, file name and the first
 *   bytes are checked).
 */
export type DownloadFailure = 'invalid_url' | 'credentials' | 'internal_address' | 'offline' | 'unreachable' | 'timeout' | 'http_status' | 'too_many_redirects' | 'too_large' | 'empty' | 'unexpected_format';

/**
 * A failed download. The message is one line, names the URL, and says what went wrong; it never holds the body.
 * `range` is set for `internal_address`.
 */
export class DownloadError extends Error {
  readonly range?: InternalRange;
  constructor(
    readonly kind: DownloadFailure,
    readonly url: string,
    reason: string,
    readonly status?: number,
    options?: { cause?: unknown; range?: InternalRange },
  ) {
    super(`${url}: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    if (options?.range) this.range = options.range;
  }
}

/** Limits and expectations of one download. Every field has a default. */
export interface DownloadOptions {
  /** Formats accepted (default: every format the knowledge pipeline reads). */
  expected?: readonly SourceFormat[];
  /** File name announced by the caller (a Teams attachment's `name`), used when the server sends no useful type. */
  fileName?: string;
  /** Default MAX_DOWNLOAD_BYTES. */
  maxBytes?: number;
  /** Default DOWNLOAD_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Default MAX_REDIRECTS. */
  maxRedirects?: number;
  /** Extra request headers (e.g. the Teams file download needs none; a bearer token for a protected URL). */
  headers?: Record<string, string>;
  /**
   * Whether addresses internal to the server's network (see InternalRange) may be reached: default false, for an
   * organisme public whose documents live on an intranet true (config DOWNLOADS_ALLOW_PRIVATE_ADDRESSES).
   */
  allowPrivateAddresses?: boolean;
}

/** A downloaded document, ready for the knowledge pipeline (`extractBytes(bytes, fileName)`). */
export interface DownloadedDocument {
  /** The URL asked for. */
  url: string;
  /** The URL the bytes came from, after redirects. */
  finalUrl: string;
  bytes: Buffer;
  /** SHA-256 of `bytes`, lower-case hex (the store's `sourceSha256`). */
  sha256: string;
  format: SourceFormat;
  /** A file name whose extension is `format`'s, for `extractBytes` and messages. */
  fileName: string;
  /** The Content-Type header as received, or null. */
  contentType: string | null;
}

/** Content types (lower case, parameters dropped) and the format each one announces. */
const FORMAT_BY_CONTENT_TYPE: Readonly<Record<string, SourceFormat>> = {
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};
/** Types that say nothing about the content: the file name and the first bytes decide. */
const GENERIC_CONTENT_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/download', 'application/force-download']);
const EXTENSION_OF: Readonly<Record<SourceFormat, string>> = { pdf: '.pdf', docx: '.docx', html: '.html', markdown: '.md', text: '.txt' };
/** Words for each internal range, in the one-line error message. */
const RANGE_WORDS: Readonly<Record<InternalRange, string>> = {
  loopback: 'a loopback address (the server itself)',
  private: 'a private network address (RFC 1918)',
  link_local: 'a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services answer)',
  unique_local: 'an IPv6 unique local address (fc00::/7)',
};
/**
 * undici (its fetch, and the HTTP agent of downloads that must stay outside the server's network: its sockets
 * resolve host names through publicOnlyLookup, so the address checked is the address connected to, on the first
 * request and on every redirect). Loaded on the first download: importing undici costs about 20 MB and 0.5 s,
 * which a server that never downloads should not pay at start.
 */
let http: Promise<{ fetch: typeof import('undici').fetch; publicOnly: Agent }> | null = null;
function loadHttp(): Promise<{ fetch: typeof import('undici').fetch; publicOnly: Agent }> {
  http ??= import('undici').then(({ Agent, fetch }) => ({ fetch, publicOnly: new Agent({ connect: { lookup: publicOnlyLookup } }) }));
  return http;
}

/** Network error codes that mean "no network here" rather than "this server misbehaves". */
// A connection that times out before any answer is what a machine behind a closed firewall sees, so it counts too.
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Downloads one document with Node's built-in fetch (undici): follows at most `maxRedirects` redirects (http and
 * https only), stops at `maxBytes` (announced or streamed), aborts after `timeoutMs` for the whole exchange, then
 * decides the format: a specific Content-Type must match the first bytes (a PDF starts `%PDF-`, a DOCX is a ZIP);
 * a generic or missing one is decided by the first bytes, then the file name (`fileName`, Content-Disposition, URL
 * path). Markdown served as text/plain counts as Markdown when its name says `.md`. The single download function
 * behind `/publier URL`, Teams file attachments and `balises sync`. Unless `allowPrivateAddresses`, an address
 * internal to the server's network is refused (SSRF): an IP address in the URL or a redirect is checked as written,
 * a host name at connection time (the agent's lookup drops internal addresses), so a name that resolved to a public
 * address once and to an internal one later (DNS rebinding) is refused too. Uses undici's fetch with that agent.
 * @throws DownloadError (see {@link DownloadFailure}); never any other error
 */
export async function downloadDocument(url: string, options: DownloadOptions = {}): Promise<DownloadedDocument> {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const allowInternal = options.allowPrivateAddresses ?? false;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = checkedUrl(url, url, allowInternal);
  const { fetch, publicOnly } = await loadHttp();
  const dispatcher = allowInternal ? undefined : publicOnly;
  let response: Response;
  for (let redirects = 0; ; redirects++) {
    try {
      response = await fetch(current, { redirect: 'manual', signal, ...(options.headers ? { headers: options.headers } : {}), ...(dispatcher ? { dispatcher } : {}) });
    } catch (error) {
      throw fetchFailure(error, url, timeoutMs);
    }
    if (response.status < 300 || response.status >= 400 || response.status === 304) break;
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location) throw new DownloadError('http_status', url, `redirect (HTTP ${response.status}) without a Location header`, response.status);
    if (redirects >= maxRedirects) throw new DownloadError('too_many_redirects', url, `more than ${maxRedirects} redirects`);
    current = checkedUrl(new URL(location, current).href, url, allowInternal);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError('http_status', url, `the server answered HTTP ${response.status}`, response.status);
  }
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    await response.body?.cancel();
    throw new DownloadError('too_large', url, `the file weighs ${megabytes(announced)}, more than the ${megabytes(maxBytes)} allowed`);
  }
  const bytes = await readLimited(response, url, maxBytes, timeoutMs);
  if (bytes.length === 0) throw new DownloadError('empty', url, 'the file is empty (0 bytes)');
  const contentType = response.headers.get('content-type');
  const name = options.fileName ?? dispositionName(response.headers.get('content-disposition')) ?? pathFileName(current);
  const format = decideFormat(bytes, contentType, name, url);
  const expected = options.expected ?? (Object.keys(EXTENSION_OF) as SourceFormat[]);
  if (!expected.includes(format)) {
    throw new DownloadError('unexpected_format', url, `expected ${expected.join(' or ')}, got ${format}`);
  }
  const stem = path.basename(name, path.extname(name)) || 'document';
  return {
    url,
    finalUrl: current,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format,
    fileName: `${stem}${EXTENSION_OF[format]}`,
    contentType,
  };
}

/** The absolute http(s) URL, refused when its host is an internal IP address (unless `allowInternal`). */
function checkedUrl(candidate: string, asked: string, allowInternal: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new DownloadError('invalid_url', asked, 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DownloadError('invalid_url', asked, `only http and https addresses are downloaded (got ${parsed.protocol})`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new DownloadError('credentials', withoutCredentials(asked), 'an address holding a user name or password is not downloaded');
  }
  const literal = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const range = allowInternal ? null : internalRangeOf(literal);
  if (range) throw internalAddressError(asked, parsed.hostname, literal, range);
  return parsed.href;
}

function internalAddressError(url: string, host: string, address: string, range: InternalRange, cause?: unknown): DownloadError {
  const where = host === address ? address : `${host} (${address})`;
  return new DownloadError(
    'internal_address',
    url,
    `refused: ${where} is ${RANGE_WORDS[range]}; addresses internal to the server's network are not downloaded unless DOWNLOADS_ALLOW_PRIVATE_ADDRESSES is true`,
    undefined,
    { cause, range },
  );
}

function fetchFailure(error: unknown, url: string, timeoutMs: number): DownloadError {
  if (error instanceof DownloadError) return error;
  const internal = internalCause(error);
  if (internal) return internalAddressError(url, internal.host, internal.address, internal.range, error);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new DownloadError('timeout', url, `no complete answer within ${timeoutMs / 1000} s`, undefined, { cause: error });
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const detail = code ?? (typeof cause?.message === 'string' ? cause.message : String(error));
  const kind: DownloadFailure = code !== undefined && OFFLINE_CODES.has(code) ? 'offline' : 'unreachable';
  return new DownloadError(kind, url, `cannot reach the server (${detail})`, undefined, { cause: error });
}

/** The InternalAddressError somewhere in an error's cause chain (undici wraps the socket's error), or null. */
function internalCause(error: unknown): InternalAddressError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof InternalAddressError) return e;
  }
  return null;
}

async function readLimited(response: Response, url: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new DownloadError('too_large', url, `the file weighs more than the ${megabytes(maxBytes)} allowed`);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw fetchFailure(error, url, timeoutMs);
  }
  return Buffer.concat(chunks);
}

/**
 * The format from the first bytes alone, when they are conclusive (binary formats). An Office compound file
 * (D0 CF 11 E0…: a password-protected Word document, a Word 97–2003 .doc) counts as a DOCX, so that the DOCX reader
 * says what it is and what to do, rather than « not an accepted format » for a file its sender knows is Word.
 */
function sniff(bytes: Buffer): SourceFormat | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'docx';
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) return 'docx';
  return null;
}

/** How much of a text document's start is read to tell text from binary content, in bytes. */
const TEXT_PROBE_BYTES = 8192;

/**
 * The format of the download (see decideAnnouncedFormat); a text format (HTML, Markdown, text) whose content is
 * binary (an image served as `text/markdown`, say) is refused: it would be read as garbage and proposed.
 * Binary-content detection is isbinaryfile's (MIT), which also knows UTF-16 and PDF-in-disguise.
 */
function decideFormat(bytes: Buffer, contentType: string | null, name: string, url: string): SourceFormat {
  const format = decideAnnouncedFormat(bytes, contentType, name, url);
  if (format !== 'pdf' && format !== 'docx' && isBinaryFileSync(bytes.subarray(0, TEXT_PROBE_BYTES))) {
    throw new DownloadError('unexpected_format', url, `announced as ${format} but the content is not text`);
  }
  return format;
}

function decideAnnouncedFormat(bytes: Buffer, contentType: string | null, name: string, url: string): SourceFormat {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const sniffed = sniff(bytes);
  const byName = FORMAT_BY_EXTENSION[path.extname(name).toLowerCase()] ?? null;
  const announced = FORMAT_BY_CONTENT_TYPE[type];
  if (announced) {
    const binary = announced === 'pdf' || announced === 'docx';
    if (binary && sniffed !== announced) {
      throw new DownloadError('unexpected_format', url, `announced as ${type} but the content is not a ${announced.toUpperCase()} file`);
    }
    if (!binary && sniffed) throw new DownloadError('unexpected_format', url, `announced as ${type} but the content is a ${sniffed.toUpperCase()} file`);
    if (announced === 'text' && byName === 'markdown') return 'markdown';
    return announced;
  }
  if (type === '' || GENERIC_CONTENT_TYPES.has(type)) {
    if (sniffed) return sniffed;
    if (byName && byName !== 'pdf' && byName !== 'docx') return byName;
    throw new DownloadError('unexpected_format', url, `cannot tell the format (type ${type || 'missing'}, name ${name || 'missing'})`);
  }
  throw new DownloadError('unexpected_format', url, `content type ${type} is not a document format Balises reads (PDF, DOCX, HTML, Markdown, text)`);
}

/**
 * The last segment of a URL's path, percent-decoded as UTF-8; as written when it is not UTF-8 (`r%E8gle.html`, an
 * older site's Latin-1 address), where decoding threw a URIError that turned a valid address into the apology.
 */
function pathFileName(url: string): string {
  const segment = path.posix.basename(new URL(url).pathname);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred), or null. */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return path.basename(decodeURIComponent(extended[1].trim()));
    } catch {
      // A malformed percent-encoding: fall back to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1] ? path.basename(plain[1].trim()) : null;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
