import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { forgerKey, OpenIdServer } from '../helpers/openid-server.js';
import { postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const CREDENTIALS: NonNullable<AppConfig['bot']> = { appId: APP_ID, appPassword: 'fictional-secret', tenantId: undefined, appType: 'MultiTenant' };

describe('Bot Framework authentication against a local OpenID key service', () => {
  const keys = new OpenIdServer();
  let h: Harness;
  const knowledge = new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' }));

  beforeAll(async () => {
    await keys.start();
    h = await startHarness(knowledge, CREDENTIALS, { channelOpenIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await h.stop();
    await keys.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A channel message the bot does not answer (not addressed to it): authentication alone decides the status. */
  const channelMessage = () =>
    teamsMessage('Bonjour à tous', { serviceUrl: h.connector.serviceUrl, conversationType: 'channel' });

  const post = (activity: Record<string, any>, token: string) => postActivityForResponse(h.baseUrl, activity, { authorization: `Bearer ${token}` });

  it('accepts a token signed by the channel key for this bot and this service URL', async () => {
    const activity = channelMessage();
    const res = await post(activity, keys.token(APP_ID, h.connector.serviceUrl));
    expect(res.status).toBe(200);
    expect(h.logs.records().find((r) => r.msg === 'turn' && r.activityId === activity.id)).toMatchObject({ route: 'not_addressed' });
  });

  const rejected: Array<[string, () => string]> = [
    ['another audience', () => keys.token('99999999-8888-7777-6666-555555555555', h.connector.serviceUrl)],
    ['another issuer', () => keys.token(APP_ID, h.connector.serviceUrl, { iss: 'https://issuer.example.invalid' })],
    ['an expired token', () => keys.token(APP_ID, h.connector.serviceUrl, { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['a signature by another key', () => keys.token(APP_ID, h.connector.serviceUrl, {}, forgerKey())],
    ['another service URL', () => keys.token(APP_ID, 'https://smba.example.invalid/amer/')],
  ];

  it.each(rejected)('answers 401 to %s, runs no turn, and logs one warning without stack', async (_case, token) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const activity = channelMessage();
    const res = await post(activity, token());
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'unauthorized' });
    expect(h.logs.records().some((r) => r.msg === 'turn' && r.activityId === activity.id)).toBe(false);
    expect(h.logs.records().filter((r) => r.msg === 'request not authenticated').at(-1)).toMatchObject({ level: 40, status: 401 });
    expect(h.logs.text()).not.toMatch(/\n\s+at /);
  });

  it('authenticates before reading the body: a broken envelope without a valid token gets 401, not 400', async () => {
    const activity = channelMessage();
    delete activity.conversation;
    delete activity.from;
    const res = await postActivityForResponse(h.baseUrl, activity);
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('conversation');
  });

  it('authenticates before parsing the body: JSON that does not parse, without a valid token, gets 401 and no parser message', async () => {
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", "text": ' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    expect(h.logs.records().filter((r) => r.msg === 'request not authenticated').at(-1)).toMatchObject({ level: 40, status: 401 });
  });

  it('answers 400 in the activity format to JSON that does not parse once the token is valid', async () => {
    const res = await fetch(`${h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.token(APP_ID, h.connector.serviceUrl)}` },
      body: '{"type": "message", "text": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid activity', problems: [expect.stringContaining('JSON')] });
    expect(h.logs.records().filter((r) => r.msg === 'activity rejected').at(-1)).toMatchObject({ level: 40, status: 400 });
  });

  it('answers 400, not 503, to a body without serviceUrl or channelId once the token is valid, and logs no key-service failure', async () => {
    const res = await post({ type: 'message', text: 'Bonjour' }, keys.token(APP_ID, h.connector.serviceUrl));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid activity', problems: expect.arrayContaining(['serviceUrl: is required']) });
    expect(h.logs.records().some((r) => r.status === 503)).toBe(false);
  });

  it('answers 400 to a broken envelope once the token is valid', async () => {
    const activity = channelMessage();
    delete activity.conversation;
    const res = await post(activity, keys.token(APP_ID, h.connector.serviceUrl));
    expect(res.status).toBe(400);
    expect(res.body).toContain('conversation');
  });
});

describe('Bot Framework authentication when the signing keys cannot be fetched', () => {
  let h: Harness;
  const keys = new OpenIdServer();

  beforeAll(async () => {
    // The key service's address, but nothing listens there once it stopped.
    await keys.start();
    await keys.stop();
    h = await startHarness(new FakeKnowledge(() => ({ kind: 'empty_index', language: 'fr' })), CREDENTIALS, { channelOpenIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers 503, never 500, and says in the log that the signing keys could not be fetched', async () => {
    const activity = teamsMessage('Bonjour', { serviceUrl: h.connector.serviceUrl, conversationType: 'channel' });
    const res = await postActivityForResponse(h.baseUrl, activity, { authorization: `Bearer ${keys.token(APP_ID, h.connector.serviceUrl)}` });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ error: 'authentication unavailable' });
    const line = h.logs.records().find((r) => r.status === 503);
    expect(line).toMatchObject({ level: 50 });
    expect(line!.msg).toContain('signing keys could not be fetched');
    expect(h.connector.activities).toEqual([]);
  });
});
