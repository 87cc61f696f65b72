import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AppCredentials, AuthenticationConstants, ClaimsIdentity, MsalAppCredentials, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectorClientCache, MAX_CACHED_CLIENTS } from '../../src/server/connector-cache.js';
import { FakeConnector } from '../helpers/fake-connector.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** A factory that counts what it builds; `fail` makes the next creation reject. */
function countingFactory() {
  const made: Array<{ serviceUrl: string; audience?: string }> = [];
  let fail = false;
  const factory: ConnectorFactory = {
    async create(serviceUrl, audience) {
      if (fail) {
        fail = false;
        throw new Error('Invalid appId.');
      }
      made.push({ serviceUrl, audience });
      return { serviceUrl, audience, n: made.length } as unknown as ConnectorClient;
    },
  };
  return { factory, made, failNext: () => (fail = true) };
}

function identity(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
}

describe('ConnectorClientCache', () => {
  it('gives the same client for the same app id, service URL, audience and variant, and builds it once', async () => {
    const cache = new ConnectorClientCache();
    const { factory, made } = countingFactory();
    const first = await cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/', 'aud');
    // A later turn comes with a new botbuilder factory: the cache, not the factory, is what is shared.
    const again = await cache.connectorFactory(countingFactory().factory, APP_ID, '4000').create('https://smba.example.test/amer/', 'aud');
    expect(again).toBe(first);
    expect(made).toHaveLength(1);
  });

  it('builds a client of its own for another service URL, audience, app id or variant', async () => {
    const cache = new ConnectorClientCache();
    const { factory, made } = countingFactory();
    const clients = await Promise.all([
      cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/', 'aud'),
      cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/emea/', 'aud'),
      cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/', 'other'),
      cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/'),
      cache.connectorFactory(factory, 'another-app', '4000').create('https://smba.example.test/amer/', 'aud'),
      cache.connectorFactory(factory, APP_ID, '1000').create('https://smba.example.test/amer/', 'aud'),
    ]);
    expect(new Set(clients).size).toBe(6);
    expect(made).toHaveLength(6);
  });

  it('does not keep a failed construction: the next turn tries again', async () => {
    const cache = new ConnectorClientCache();
    const { factory, made, failNext } = countingFactory();
    failNext();
    await expect(cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/')).rejects.toThrow('Invalid appId.');
    await expect(cache.connectorFactory(factory, APP_ID, '4000').create('https://smba.example.test/amer/')).resolves.toBeDefined();
    expect(made).toHaveLength(1);
  });

  it('keeps at most MAX_CACHED_CLIENTS clients, dropping the least recently used', async () => {
    const cache = new ConnectorClientCache();
    const { factory, made } = countingFactory();
    const create = (i: number) => cache.connectorFactory(factory, APP_ID, '4000').create(`https://smba.example.test/${i}/`);
    for (let i = 0; i < MAX_CACHED_CLIENTS; i++) await create(i);
    await create(0); // used again: now the most recent
    await create(MAX_CACHED_CLIENTS); // one too many: drops service URL 1
    expect(made).toHaveLength(MAX_CACHED_CLIENTS + 1);
    await create(0);
    expect(made).toHaveLength(MAX_CACHED_CLIENTS + 1);
    await create(1);
    expect(made).toHaveLength(MAX_CACHED_CLIENTS + 2);
  });

  it('keeps one user-token client per app id', async () => {
    const cache = new ConnectorClientCache();
    const create = vi.fn(async () => ({}) as never);
    const first = await cache.userTokenClient(identity(APP_ID), create);
    expect(await cache.userTokenClient(identity(APP_ID), create)).toBe(first);
    expect(await cache.userTokenClient(identity('another-app'), create)).not.toBe(first);
    expect(create).toHaveBeenCalledTimes(2);
  });
});

describe('a kept connector client and its bearer token (real botbuilder credentials, real HTTP)', () => {
  const connector = new FakeConnector();
  beforeAll(async () => {
    await connector.start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('signs each send with the token cached for the bot, and fetches a new one once it has expired', async () => {
    const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'fictional-secret', MicrosoftAppType: 'MultiTenant' });
    const cache = new ConnectorClientCache();
    const create = () => cache.connectorFactory(auth.createConnectorFactory(identity(APP_ID)), APP_ID, '4000').create(connector.serviceUrl);
    const client = await create();
    expect(await create()).toBe(client);
    const credentials = (client as unknown as { credentials: { tokenCacheKey: string } }).credentials;
    // Azure AD cannot be reached from tests: MSAL's token request is the one thing stood in for.
    const tokens = ['first-token', 'second-token'];
    const msal = MsalAppCredentials.prototype as unknown as { refreshToken(): Promise<{ accessToken: string; expiresOn: Date }> };
    const refresh = vi
      .spyOn(msal, 'refreshToken')
      .mockImplementation(async () => ({ accessToken: tokens.shift()!, expiresOn: new Date(Date.now() + 3_600_000) }));
    const send = (text: string) => client.conversations.sendToConversation('a:kept-client', { type: 'message', text } as never);

    await send('un');
    await send('deux');
    const key = credentials.tokenCacheKey;
    // botbuilder's process-wide token cache (private): the token is made to expire now.
    const tokenCache = (AppCredentials as unknown as { cache: Map<string, { expiresOn: Date }> }).cache;
    tokenCache.get(key)!.expiresOn = new Date(Date.now() - 1_000);
    await send('trois');

    expect(connector.messages('a:kept-client').map((a) => [a.body.text, a.authorization])).toEqual([
      ['un', 'Bearer first-token'],
      ['deux', 'Bearer first-token'],
      ['trois', 'Bearer second-token'],
    ]);
    expect(refresh).toHaveBeenCalledTimes(2);
    tokenCache.delete(key);
    refresh.mockRestore();
  });
});
