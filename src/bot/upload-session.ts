/**
 * Uploads a file's bytes to a OneDrive upload session: the `uploadInfo.uploadUrl` Teams gives a bot once a person
 * accepts its file consent card (Microsoft Teams « Send and receive files using bot »; the session's protocol is
 * Microsoft Graph's « Upload large files with an upload session »). The URL is pre-authenticated: no token is sent,
 * and Graph documents that an `Authorization` header may make the PUT fail with 401.
 */

/**
 * Bytes sent per PUT: a multiple of 320 KiB, as the upload session requires of every fragment but the last, and far
 * under its 60 MiB per request. An inventory export fits in one fragment for the first few thousand declarations.
 */
export const UPLOAD_FRAGMENT_BYTES = 10 * 320 * 1024;

/**
 * Longest whole upload, in ms. The upload runs inside the `fileConsent/invoke` turn, which Teams waits for about 15 s
 * before it shows an error and delivers it again: the bot must have given up, and said so, before then.
 */
export const UPLOAD_TIMEOUT_MS = 10_000;

/** Why an upload failed: `refused` (an HTTP error status), `timeout`, `network` (no connection), `invalid_url`, `invalid_response`. */
export type UploadFailure = 'refused' | 'timeout' | 'network' | 'invalid_url' | 'invalid_response';

/** An upload that did not complete; nothing of the file may be relied on at the URL. */
export class UploadError extends Error {
  constructor(
    readonly reason: UploadFailure,
    /** The HTTP status of a `refused` or `invalid_response` answer. */
    readonly status?: number,
  ) {
    super(status === undefined ? `upload failed: ${reason}` : `upload failed: ${reason} (HTTP ${status})`);
    this.name = 'UploadError';
  }
}

/** What the session answers once the last byte is in: the OneDrive DriveItem created (the fields read here). */
export interface UploadedItem {
  id?: string;
  name?: string;
  size?: number;
  webUrl?: string;
}

/**
 * PUTs `bytes` to the upload session at `uploadUrl`, in fragments of `fragmentBytes`, each with its
 * `Content-Range: bytes FIRST-LAST/TOTAL` (and Content-Length). A fragment before the last must be answered 202
 * Accepted, the last 200 OK or 201 Created with the DriveItem.
 * @param bytes the file, at least one byte (a session cannot hold an empty file)
 * @param options.timeoutMs the whole upload's limit (default UPLOAD_TIMEOUT_MS)
 * @param options.fragmentBytes bytes per PUT (default UPLOAD_FRAGMENT_BYTES; a multiple of 320 KiB)
 * @returns the DriveItem the session answered (possibly with none of its fields)
 * @throws UploadError: `invalid_url` (not an http(s) URL), `refused` (an error status), `timeout`, `network`, or
 *   `invalid_response` (a status the protocol does not give at that point, a redirect included: never followed)
 */
export async function uploadToSession(
  uploadUrl: string,
  bytes: Uint8Array,
  options: { timeoutMs?: number; fragmentBytes?: number } = {},
): Promise<UploadedItem> {
  const url = URL.canParse(uploadUrl) ? new URL(uploadUrl) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UploadError('invalid_url');
  const fragmentBytes = options.fragmentBytes ?? UPLOAD_FRAGMENT_BYTES;
  const signal = AbortSignal.timeout(options.timeoutMs ?? UPLOAD_TIMEOUT_MS);
  const total = bytes.byteLength;
  for (let first = 0; first < total; first += fragmentBytes) {
    const end = Math.min(first + fragmentBytes, total);
    const last = end === total;
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method: 'PUT',
        // fetch writes the Content-Length of a byte body itself.
        headers: { 'content-range': `bytes ${first}-${end - 1}/${total}` },
        body: bytes.subarray(first, end),
        signal,
        // A redirect is no answer of the protocol: followed, the file would go elsewhere; refused by fetch ('error'),
        // it would read as a network failure (« injoignable ») although the service answered.
        redirect: 'manual',
      });
      body = await response.text();
    } catch {
      throw new UploadError(signal.aborted ? 'timeout' : 'network');
    }
    if (response.status >= 400) throw new UploadError('refused', response.status);
    const expected = last ? response.status === 200 || response.status === 201 : response.status === 202;
    if (!expected) throw new UploadError('invalid_response', response.status);
    if (last) return driveItemOf(body);
  }
  throw new UploadError('invalid_response');
}

/** The DriveItem fields of a session's final answer; none when the body is not a JSON object. */
function driveItemOf(body: string): UploadedItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const { id, name, size, webUrl } = parsed as Record<string, unknown>;
  return {
    ...(typeof id === 'string' ? { id } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof size === 'number' ? { size } : {}),
    ...(typeof webUrl === 'string' ? { webUrl } : {}),
  };
}
