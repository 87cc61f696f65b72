import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

describe('HTTP endpoints', () => {
  let h: Harness | undefined;

  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('reports the process up on /healthz', async () => {
    h = await startHarness(new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' })));
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports ready on /readyz when the knowledge service is ready', async () => {
    h = await startHarness(new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' })));
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
  });

  it('answers 503 on /readyz when the knowledge service is not ready', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    knowledge.ready = false;
    h = await startHarness(knowledge);
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not_ready', unavailable: ['knowledge'] });
  });

  it('refuses an activity without Authorization header when credentials are configured', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    h = await startHarness(knowledge, {
      appId: '11111111-2222-3333-4444-555555555555',
      appPassword: 'fictional-secret',
      tenantId: undefined,
      appType: 'MultiTenant',
    });
    const status = await postActivity(h.baseUrl, teamsMessage('Bonjour?', { serviceUrl: h.connector.serviceUrl }));
    expect(status).toBe(401);
    expect(knowledge.questions).toEqual([]);
    expect(h.connector.activities).toEqual([]);
  });

  it('logs a refused request as one structured warning, with no stack and nothing written outside the logger', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    h = await startHarness(knowledge, {
      appId: '11111111-2222-3333-4444-555555555555',
      appPassword: 'fictional-secret',
      tenantId: undefined,
      appType: 'MultiTenant',
    });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const status = await postActivity(h.baseUrl, teamsMessage('Bonjour?', { serviceUrl: h.connector.serviceUrl }));
      expect(status).toBe(401);
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
    const refused = h.logs.records().filter((r) => r.msg === 'request not authenticated');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 40, status: 401, activityType: 'message' });
    expect(typeof refused[0]!.reason).toBe('string');
    expect(refused[0]).not.toHaveProperty('err');
    expect(h.logs.text()).not.toMatch(/\n\s+at /);
    expect(h.logs.text()).not.toContain('\\n    at ');
  });

  it('refuses an activity with a forged bearer token when credentials are configured', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    h = await startHarness(knowledge, {
      appId: '11111111-2222-3333-4444-555555555555',
      appPassword: 'fictional-secret',
      tenantId: undefined,
      appType: 'MultiTenant',
    });
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`;
    const status = await postActivity(h.baseUrl, teamsMessage('Bonjour?', { serviceUrl: h.connector.serviceUrl }), {
      authorization: `Bearer ${forged}`,
    });
    expect(status).toBe(401);
    expect(knowledge.questions).toEqual([]);
  });

  it('refuses a compressed body with 415, a corrupt or a huge one alike, and keeps answering', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    h = await startHarness(knowledge);
    const activity = teamsMessage('Bonjour?', { serviceUrl: h.connector.serviceUrl });
    // Not gzip at all, then 64 MB of blanks compressed to a few kilobytes (under the body limit, far over it inflated).
    const bodies = [Buffer.from(JSON.stringify(activity)), gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))];
    for (const body of bodies) {
      const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: 'unsupported media type', problems: ['content-encoding: must be absent (the body is read uncompressed)'] });
    }
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    expect(h.connector.messages(activity.conversation.id)).toHaveLength(1);
  });

  it('refuses a body over the size limit with 413 in the format of every refusal, logs it once, and keeps answering', async () => {
    const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));
    h = await startHarness(knowledge);
    const activity = teamsMessage('Bonjour?', { serviceUrl: h.connector.serviceUrl });
    const huge = JSON.stringify({ ...activity, text: 'mot '.repeat(300_000) });
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload too large', problems: ['body: larger than 1000000 bytes'] });
    const refused = h.logs.records().filter((r) => r.msg === 'activity rejected' && r.status === 413);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 40, contentLength: String(Buffer.byteLength(huge)) });
    expect(knowledge.questions).toEqual([]);
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
  });

  it('listens on the configured loopback host with an ephemeral port', async () => {
    h = await startHarness(new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' })));
    expect(h.address.host).toBe('127.0.0.1');
    expect(h.address.port).toBeGreaterThan(0);
  });
});
