import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadError, uploadToSession } from '../../src/bot/upload-session.js';
import { UploadSessionServer } from '../helpers/upload-session-server.js';

/** uploadToSession against a real HTTP server speaking the OneDrive upload-session protocol. */
describe('uploadToSession', () => {
  const onedrive = new UploadSessionServer();
  beforeAll(async () => {
    await onedrive.start();
  });
  afterAll(async () => {
    await onedrive.stop();
  });
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  it('sends a file larger than a fragment in ranges, in order, and returns the DriveItem', async () => {
    const url = onedrive.open('fictif.csv');
    const item = await uploadToSession(url, bytes, { fragmentBytes: 320 });
    const session = new URL(url).pathname;
    expect(onedrive.requests.filter((r) => r.path === session).map((r) => [r.headers['content-range'], r.status])).toEqual([
      ['bytes 0-319/1000', 202],
      ['bytes 320-639/1000', 202],
      ['bytes 640-959/1000', 202],
      ['bytes 960-999/1000', 201],
    ]);
    expect(onedrive.files.get(session)!.equals(bytes)).toBe(true);
    expect(item).toMatchObject({ name: 'fictif.csv', size: 1000 });
  });

  it('stops at a refused fragment, with its status', async () => {
    onedrive.refuseNext(507);
    const error = await uploadToSession(onedrive.open('refuse.csv'), bytes, { fragmentBytes: 320 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ reason: 'refused', status: 507 });
  });

  it('follows no redirect, and calls it an unexpected answer rather than a service out of reach', async () => {
    const elsewhere = onedrive.open('ailleurs.csv');
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: elsewhere }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/session`;
      const error = await uploadToSession(url, bytes).catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'invalid_response', status: 307 });
      expect(onedrive.files.get(new URL(elsewhere).pathname)).toBeUndefined();
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it('gives up after its time limit on a session that never answers', async () => {
    onedrive.hangNext();
    const error = await uploadToSession(onedrive.open('lent.csv'), bytes, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('refuses an address that is not http(s), and says so for a completed session', async () => {
    await expect(uploadToSession('file:///etc/passwd', bytes)).rejects.toMatchObject({ reason: 'invalid_url' });
    const url = onedrive.open('une-fois.csv');
    await uploadToSession(url, bytes);
    await expect(uploadToSession(url, bytes)).rejects.toMatchObject({ reason: 'refused', status: 404 });
  });
});
