// teams-ai's root module also loads its AI planners (openai, gpt-tokenizer's encodings: ~11 MB of heap) that
// Balises never uses; the class's own module spares them (a stable path within the pinned version).
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { ConnectorClientCache, clientAppId } from './connector-cache.js';
import { capRetryAfter, MAX_RETRY_AFTER_MS } from './retry-after-cap.js';

/**
 * The only activity fields Bot Framework authentication reads: `serviceUrl` (compared with the token's
 * `serviceurl` claim), `channelId` (checked against the signing key's endorsements) and, with authentication off,
 * `recipient.role` (an Emulator skill call). Taken from the body before it is validated, so nothing else in the
 * body is acted on until the request is authenticated.
 */
export interface AuthEnvelope {
  serviceUrl?: string;
  channelId?: string;
  recipient?: { id: string; role?: string };
}

/**
 * teams-ai's TeamsAdapter (a botbuilder CloudAdapter) with authentication and processing split in two public
 * steps, so the HTTP layer can authenticate a request, then validate its body, then run the turn.
 * `CloudAdapter.process` would do all three at once, and writes every failure (each unauthenticated request
 * included) to the console with its stack, outside the logger. A turn's connector and user-token clients are kept
 * for the next turns (see ConnectorClientCache).
 */
export class BalisesAdapter extends TeamsAdapter {
  /** Longest Retry-After a turn's sends wait for, in ms (MAX_RETRY_AFTER_MS unless set). */
  maxRetryAfterMs = MAX_RETRY_AFTER_MS;
  private readonly clients = new ConnectorClientCache();

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    // CloudAdapterBase.processActivity asks this object for a user-token client on every turn (no option for reuse).
    const auth = this.botFrameworkAuthentication;
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    auth.createUserTokenClient = (claimsIdentity) => this.clients.userTokenClient(claimsIdentity, () => createUserTokenClient(claimsIdentity));
  }

  /**
   * Validates the request's Authorization header (an empty string when absent) as the configured Bot Framework
   * authentication does; in local mode (no app id) every request passes, anonymous. The turn's connector clients
   * honour a Retry-After only up to `maxRetryAfterMs` (see capRetryAfter).
   * @throws AuthenticationError when the token is missing or invalid (its `statusCode` is 500 when the signing keys
   *   answered with an error); jsonwebtoken's JsonWebTokenError for a token whose signature does not verify; the
   *   fetch error when the OpenID metadata or signing keys cannot be reached
   */
  async authenticate(authorization: string, envelope: AuthEnvelope): Promise<AuthenticateRequestResult> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(envelope as Activity, authorization);
    if (!result.connectorFactory) return result;
    const capped = capRetryAfter(result.connectorFactory, this.maxRetryAfterMs);
    return { ...result, connectorFactory: this.clients.connectorFactory(capped, clientAppId(result.claimsIdentity), String(this.maxRetryAfterMs)) };
  }

  /**
   * Runs `logic` for an authenticated activity through the adapter's middleware and `onTurnError`.
   * @returns the invoke response to send (for invoke activities), else undefined (answer 200)
   * @throws any error that `onTurnError` itself throws
   */
  async processInbound(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
