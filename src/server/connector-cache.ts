import type { ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { AuthenticationConstants } from '../bot/bot-framework.js';

/** Clients kept at most: one per (bot app id, service URL, audience); Teams uses a few service URLs per region. */
export const MAX_CACHED_CLIENTS = 64;

/**
 * The app id botbuilder creates a turn's clients for (botframework-connector 4.23.3's private `getAppId`): the
 * token's audience for a channel request, its `appid` for the Emulator, '' for local mode's anonymous identity.
 */
export function clientAppId(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * Connector and user-token clients kept across turns instead of built for each one, as botbuilder's own
 * BotFrameworkAdapter reuses its clients. botbuilder's CloudAdapter builds, on every turn, credentials, a
 * ConnectorClient and a UserTokenClient, each with its own core-client HTTP pipeline: a tenth of a turn's CPU and
 * much of its garbage. Reuse is safe because a client holds nothing of a turn: its credentials object fetches
 * tokens through AppCredentials' process-wide cache on each request (`signRequest` → `getToken`), which refreshes a
 * token five minutes before it expires, so a kept client never sends an expired token. Clients are keyed by
 * everything their construction depends on; at most MAX_CACHED_CLIENTS of each kind are kept (least recently used
 * out), since the service URL comes from the request. A construction that fails (an app id the credentials refuse)
 * is not kept.
 */
export class ConnectorClientCache {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  /**
   * `factory` (botbuilder's, created for one request with `appId` from its claims) whose clients come from this
   * cache. `variant` names anything else the clients carry (the Retry-After cap, in ms).
   */
  connectorFactory(factory: ConnectorFactory, appId: string, variant: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        cached(this.connectors, JSON.stringify([appId, serviceUrl, audience ?? null, variant]), () => factory.create(serviceUrl, audience)),
    };
  }

  /** The user-token client for `claimsIdentity`'s app id, made by `create` the first time. */
  userTokenClient(claimsIdentity: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return cached(this.userTokens, clientAppId(claimsIdentity), create);
  }
}

function cached<T>(entries: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const found = entries.get(key);
  if (found) {
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
    entries.delete(key);
    entries.set(key, found);
    return found;
  }
  const made = create();
  entries.set(key, made);
  if (entries.size > MAX_CACHED_CLIENTS) entries.delete(entries.keys().next().value as string);
  made.catch(() => {
    if (entries.get(key) === made) entries.delete(key);
  });
  return made;
}
