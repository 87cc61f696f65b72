import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadDocument as downloadAnywhere, DownloadError, type DownloadFailure } from '../../src/documents/download.js';
import { FileServer } from '../helpers/file-server.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
const MARKDOWN = '# Charte fictive\n\nUn paragraphe inventé pour les tests.\n';

const server = new FileServer();

/** The test server is on 127.0.0.1: these downloads allow internal addresses, as an intranet deployment would. */
const downloadDocument: typeof downloadAnywhere = (url, options = {}) => downloadAnywhere(url, { allowPrivateAddresses: true, ...options });

beforeAll(async () => {
  await server.start();
  server.routes.set('/charte.pdf', { headers: { 'content-type': 'application/pdf' }, body: PDF });
  server.routes.set('/charte.docx', { headers: { 'content-type': 'application/octet-stream' }, body: DOCX });
  server.routes.set('/telecharger', {
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="charte.md"' },
    body: MARKDOWN,
  });
  server.routes.set('/charte.md', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: MARKDOWN });
  server.routes.set('/faux.pdf', { headers: { 'content-type': 'application/pdf' }, body: '<html>page d’erreur</html>' });
  server.routes.set('/image.png', { headers: { 'content-type': 'image/png' }, body: Buffer.alloc(10) });
  // A fictional PNG header and a few binary bytes, served with a text type.
  server.routes.set('/image-deguisee.md', { headers: { 'content-type': 'text/markdown' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
  server.routes.set('/gros.pdf', { headers: { 'content-type': 'application/pdf' }, body: Buffer.concat([PDF, Buffer.alloc(2048)]) });
  server.routes.set('/gros-sans-longueur.pdf', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' });
    res.write(PDF);
    res.end(Buffer.alloc(4096));
  });
  server.routes.set('/deplace', { status: 301, headers: { location: '/charte.pdf' }, body: '' });
  server.routes.set('/boucle', { status: 302, headers: { location: '/boucle' }, body: '' });
  server.routes.set('/lent', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.write(PDF);
    setTimeout(() => res.end(), 2_000).unref();
  });
  server.routes.set('/interdit', { status: 403, body: 'non' });
  server.routes.set('/vide.pdf', { headers: { 'content-type': 'application/pdf' }, body: '' });
});
afterAll(() => server.stop());

async function failure(url: string, options: Parameters<typeof downloadDocument>[1] = {}): Promise<DownloadError> {
  const error = await downloadDocument(url, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('downloadDocument', () => {
  it('returns the bytes, their SHA-256 and the format announced and confirmed by the first bytes', async () => {
    const doc = await downloadDocument(`${server.url}/charte.pdf`);
    expect(doc.format).toBe('pdf');
    expect(doc.fileName).toBe('charte.pdf');
    expect(doc.bytes.equals(PDF)).toBe(true);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises a DOCX served as application/octet-stream from its first bytes', async () => {
    expect((await downloadDocument(`${server.url}/charte.docx`)).format).toBe('docx');
  });

  it('takes the name from Content-Disposition when the type is generic', async () => {
    const doc = await downloadDocument(`${server.url}/telecharger`);
    expect(doc).toMatchObject({ format: 'markdown', fileName: 'charte.md' });
  });

  it('reads text/plain named .md as Markdown', async () => {
    expect((await downloadDocument(`${server.url}/charte.md`)).format).toBe('markdown');
  });

  it('follows a redirect and reports the final address', async () => {
    const doc = await downloadDocument(`${server.url}/deplace`);
    expect(doc.finalUrl).toBe(`${server.url}/charte.pdf`);
    expect(doc.format).toBe('pdf');
  });

  const cases: Array<[string, string, Parameters<typeof downloadDocument>[1], DownloadFailure, RegExp]> = [
    ['a redirect loop', '/boucle', {}, 'too_many_redirects', /more than 5 redirects/],
    ['a body larger than the limit (Content-Length)', '/gros.pdf', { maxBytes: 1024 }, 'too_large', /more than the 0\.0 MiB allowed/],
    ['a streamed body larger than the limit', '/gros-sans-longueur.pdf', { maxBytes: 1024 }, 'too_large', /allowed/],
    ['an HTML error page announced as PDF', '/faux.pdf', {}, 'unexpected_format', /not a PDF file/],
    ['an image', '/image.png', {}, 'unexpected_format', /image\/png is not a document format/],
    ['an image served as Markdown', '/image-deguisee.md', {}, 'unexpected_format', /announced as markdown but the content is not text/],
    ['a format other than the expected one', '/charte.docx', { expected: ['pdf'] }, 'unexpected_format', /expected pdf, got docx/],
    ['an error status', '/interdit', {}, 'http_status', /HTTP 403/],
    ['a server too slow', '/lent', { timeoutMs: 200 }, 'timeout', /within 0\.2 s/],
    ['an empty body, whatever its type', '/vide.pdf', {}, 'empty', /the file is empty \(0 bytes\)/],
  ];
  it.each(cases)('refuses %s with a typed, one-line error', async (_name, path, options, kind, message) => {
    const error = await failure(`${server.url}${path}`, options);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('refuses an address that is not http(s)', async () => {
    expect((await failure('file:///etc/passwd')).kind).toBe('invalid_url');
    expect((await failure('pas une adresse')).kind).toBe('invalid_url');
  });

  it('refuses an address, or a redirect, holding a user name or password, and never names the password', async () => {
    const asked = `${server.url.replace('://', '://agent:S3cret@')}/charte.pdf`;
    const error = await failure(asked);
    expect(error.kind).toBe('credentials');
    expect(error.url).toBe(`${server.url}/charte.pdf`);
    expect(error.message).not.toContain('S3cret');
    server.routes.set('/vers-identifiant', { status: 302, headers: { location: asked }, body: '' });
    expect((await failure(`${server.url}/vers-identifiant`)).kind).toBe('credentials');
  });

  it('says offline when the host name cannot be resolved', async () => {
    const error = await failure('http://balises-test.invalid/enonce.pdf');
    expect(error.kind).toBe('offline');
    expect(error.message).toMatch(/cannot reach the server \((ENOTFOUND|EAI_AGAIN)\)/);
  });
});

describe('downloadDocument outside the server’s network (the default)', () => {
  async function refusal(url: string): Promise<DownloadError> {
    const error = await downloadAnywhere(url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    return error as DownloadError;
  }

  const literals: Array<[string, string, string, RegExp]> = [
    ['the server itself (loopback)', 'http://127.0.0.1:9/enonce.pdf', 'loopback', /127\.0\.0\.1 is a loopback address/],
    ['“this host” 0.0.0.0', 'http://0.0.0.0:9/enonce.pdf', 'loopback', /loopback/],
    ['a private network (RFC 1918)', 'http://10.20.30.40/enonce.pdf', 'private', /a private network address \(RFC 1918\)/],
    ['a private network written in hexadecimal', 'http://0xc0.0xa8.1.1/enonce.pdf', 'private', /192\.168\.1\.1/],
    ['the cloud metadata service (link-local)', 'http://169.254.169.254/latest/meta-data/', 'link_local', /link-local/],
    ['an IPv6 unique local address', 'http://[fd12:3456::1]/enonce.pdf', 'unique_local', /unique local/],
    ['the IPv6 loopback', 'http://[::1]:9/enonce.pdf', 'loopback', /loopback/],
    ['an IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:9/enonce.pdf', 'loopback', /loopback/],
    ['an IPv4-compatible IPv6 loopback', 'http://[::127.0.0.1]:9/enonce.pdf', 'loopback', /loopback/],
    ['the metadata service through NAT64 (RFC 6052)', 'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', 'link_local', /link-local/],
    ['a private network through 6to4 (RFC 3056)', 'http://[2002:c0a8:101::1]/enonce.pdf', 'private', /RFC 1918/],
  ];
  it.each(literals)('refuses %s, naming why and the setting that allows it', async (_name, url, range, message) => {
    const error = await refusal(url);
    expect(error.kind).toBe('internal_address');
    expect(error.range).toBe(range);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('DOWNLOADS_ALLOW_PRIVATE_ADDRESSES');
  });

  it('refuses a host name that resolves to the server itself, checked at connection: nothing reaches the server', async () => {
    const before = server.hits.get('/charte.pdf') ?? 0;
    const error = await refusal(`${server.url.replace('127.0.0.1', 'localhost')}/charte.pdf`);
    expect(error.kind).toBe('internal_address');
    expect(error.range).toBe('loopback');
    expect(error.message).toMatch(/localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
    expect(server.hits.get('/charte.pdf') ?? 0).toBe(before);
  });

  it('downloads from the same server when internal addresses are allowed', async () => {
    const doc = await downloadAnywhere(`${server.url.replace('127.0.0.1', 'localhost')}/charte.pdf`, { allowPrivateAddresses: true });
    expect(doc.format).toBe('pdf');
  });
});
